package dev.jobstate.core.store;

import dev.jobstate.core.model.Completions;
import java.time.Instant;

/** What a store answers when an activity is about to run: run it, or it is done already. */
public sealed interface Claim {

    /** Run it; {@code lease} goes with its checkpoint, so a store can tell whether it still holds. */
    record Granted(Lease lease) implements Claim {
        public static final Granted UNLEASED = new Granted(Lease.NONE);
    }

    /** It completed since this process last looked (another worker, another process): skip it. */
    record Done(Completions day) implements Claim {
    }

    /**
     * An {@code @Activity(once = true)} that started and has no outcome: its process died in the
     * middle (or, with a shared store, another process runs it for longer than a claim waits). It
     * must not run again until an operator settles it.
     *
     * @param startedAt when it started, or null when the store does not know
     */
    record InDoubt(Instant startedAt) implements Claim {
    }
}
