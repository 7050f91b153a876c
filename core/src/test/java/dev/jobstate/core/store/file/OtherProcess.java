package dev.jobstate.core.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Another process's view of a lock file: a child JVM tries to lock it, which tells what the OS
 * holds for this process, where a lock tried from this JVM would only ask the JDK's own table.
 */
final class OtherProcess {

    private OtherProcess() {
    }

    /** Whether another process could lock {@code lockFile} right now. */
    static boolean canLock(Path lockFile) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TryLock.class.getName(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String answer = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
            throw new IllegalStateException("the child could not try the lock: " + answer);
        }
        return Boolean.parseBoolean(answer);
    }

    /** The child: prints whether it got the lock, and lets go of it at once. */
    static final class TryLock {

        private TryLock() {
        }

        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                System.out.println(lock != null);
            }
        }
    }
}
