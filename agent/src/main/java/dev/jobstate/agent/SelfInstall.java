package dev.jobstate.agent;

import dev.jobstate.core.boot.AgentPresence;
import dev.jobstate.core.log.Log;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;

/**
 * {@code JobState.install()}: attaches the jar these classes came from to this very JVM, as
 * {@code -javaagent} would have at start-up. In process when the JVM allows it
 * ({@code -Djdk.attach.allowAttachSelf=true}); otherwise, as the JDK's default forbids that, through a
 * short-lived helper process, {@code java -jar jobstate.jar attach <this pid>}. When neither can work,
 * one line says why and how to fix it, and the program runs on untracked. Never throws.
 */
public final class SelfInstall {

    /** A JVM start and an attach take about a second; a loaded machine gets much more. */
    static final Duration HELPER_LIMIT = Duration.ofSeconds(30);

    private static boolean failed; // guarded by the class: said once, not tried again

    private SelfInstall() {
    }

    /**
     * @param configPathOrNull the settings file, or null to find them as the agent does
     * @return whether jobstate is active in this JVM now
     */
    public static synchronized boolean install(String configPathOrNull) {
        try {
            if (AgentPresence.isPresent()) {
                return true;
            }
            if (failed) {
                return false;
            }
            long began = System.nanoTime();
            Attempt attempt = attach(configPathOrNull == null ? null : "config=" + configPathOrNull);
            if (attempt.reason() == null && AgentPresence.isPresent()) {
                Log.debug("JobState.install() attached jobstate " + attempt.how() + " in "
                        + (System.nanoTime() - began) / 1_000_000 + " ms");
                return true;
            }
            failed = true;
            Log.warn("JobState.install() could not attach jobstate: "
                    + (attempt.reason() == null ? "the agent did not start" : attempt.reason())
                    + ". The program runs on without jobstate; to have it, " + attempt.fix() + ".");
            return false;
        } catch (Throwable t) {
            failed = true;
            Log.error("JobState.install() failed; the program runs on without jobstate", t);
            return false;
        }
    }

    private static Attempt attach(String agentArgs) {
        Path jar;
        try {
            jar = ownJar();
        } catch (IllegalStateException e) {
            return Attempt.failed(e.getMessage(), Attempt.JAVAAGENT);
        }
        long pid = ProcessHandle.current().pid();
        if (ModuleLayer.boot().findModule("jdk.attach").isPresent()) {
            Attempt inProcess = SelfAttach.load(pid, jar, agentArgs);
            if (!inProcess.helperMayWork()) {
                return inProcess;
            }
        }
        return AttachHelper.attach(pid, jar, agentArgs, HELPER_LIMIT);
    }

    /** The jar this class was loaded from: only a jar can be loaded as an agent. */
    static Path ownJar() {
        CodeSource source = SelfInstall.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell which jar the jobstate classes were loaded from");
        }
        Path path;
        try {
            path = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IllegalStateException("the jobstate classes were loaded from " + source.getLocation()
                    + ", not from a jar file of its own (an agent can only be loaded from one)");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the jobstate classes were loaded from " + path + ", not from a jar"
                    + " (an agent can only be loaded from jobstate.jar: put it on the class path)");
        }
        return path;
    }
}
