package dev.jobstate.core.store;

import dev.jobstate.core.model.Completions;

/** What a store answers when an activity is about to run: run it, or it is done already. */
public sealed interface Claim {

    /** Run it; {@code lease} goes with its checkpoint, so a store can tell whether it still holds. */
    record Granted(Lease lease) implements Claim {
        public static final Granted UNLEASED = new Granted(Lease.NONE);
    }

    /** It completed since this process last looked (another worker, another process): skip it. */
    record Done(Completions day) implements Claim {
    }
}
