package dev.jobstate.core.engine;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts and ends each test with the test thread inside no scope and no running activity. Tests
 * call {@code enter} without {@code exit} (the agent always pairs them), which would leave a run
 * current on the thread for the next test to inherit as its parent.
 */
final class CleanThreadContext implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        clean();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clean();
    }

    /** What a test does when a process it stands for dies mid-call: its thread forgets the call. */
    static void forget() {
        clean();
    }

    private static void clean() {
        ThreadContext.closeTo(0);
        ThreadContext.exitRun(null);
    }
}
