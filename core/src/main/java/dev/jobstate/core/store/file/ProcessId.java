package dev.jobstate.core.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's process id, to name the files it writes. On Linux it is read from {@code /proc/self};
 * {@code ProcessHandle.current()} gives the same, but initialises the JDK's process machinery (a
 * thread pool among it), some 15 ms a bot would pay at its first checkpoint.
 */
final class ProcessId {

    private static final long CURRENT = read();

    private ProcessId() {
    }

    static long current() {
        return CURRENT;
    }

    private static long read() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().pid();
        }
    }
}
