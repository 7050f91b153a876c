package dev.jobstate.cli.farm;

import java.time.Instant;

/**
 * What the CLI's caches may keep: only what changed at least 2 s before the run began. Two writes
 * within a file system's clock tick leave the same mtime, so a stamp taken while something may
 * still be written could vouch for content it never saw.
 */
final class SettleWindow {

    private static final long SETTLE_NANOS = 2_000_000_000L;

    private final long settledBeforeNanos;

    /** @param now when the run starts */
    SettleWindow(Instant now) {
        this.settledBeforeNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - SETTLE_NANOS;
    }

    /** Whether what has {@code stamp} was last changed early enough to be kept; no stamp, no. */
    boolean settled(TallyCache.Stamp stamp) {
        return stamp != null && stamp.mtimeNanos() < settledBeforeNanos;
    }
}
