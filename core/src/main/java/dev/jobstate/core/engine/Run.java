package dev.jobstate.core.engine;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.Lease;

/** A tracked call that is running: what to checkpoint when it ends. */
final class Run {

    final ActivitySite site;
    final DayKey key;
    final String id;
    final Lease lease;
    final long startNanos;

    Run(ActivitySite site, DayKey key, String id, Lease lease, long startNanos) {
        this.site = site;
        this.key = key;
        this.id = id;
        this.lease = lease;
        this.startNanos = startNanos;
    }
}
