package dev.jobstate.bench.host;

import dev.jobstate.JobState;

/**
 * The smallest bot with no agent: one {@code JobState.activity} call (it runs and is checkpointed),
 * or, with {@code plain}, the same body called directly. What the first call costs is starting
 * jobstate from code: the settings, the store, the engine, the first checkpoint.
 */
public final class OneCodeActivity {

    private OneCodeActivity() {
    }

    public static void main(String[] args) {
        boolean plain = args.length > 0 && args[0].equals("plain");
        String value = plain ? work() : JobState.activity("start@example.com", "start", "first", OneCodeActivity::work);
        System.out.println(value);
    }

    private static String work() {
        return "did";
    }
}
