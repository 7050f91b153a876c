package dev.jobstate.core.engine;

import dev.jobstate.QuarantinedException;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.StateStore;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * {@code jobState.quarantine.failuresPerDay}: an account whose activities failed that often today
 * runs none of them for the rest of its day, so a bot moves on instead of hammering an account that
 * is broken or about to be banned. Each account-day's failures are read from the store once, then
 * counted here as this process records them; while an account is in quarantine the store is asked
 * again at most once a second, which is how an operator's release, or another worker's count,
 * reaches a running bot. When the store cannot tell an account-day's failures, that account runs
 * as if it had none (said once), and the store is asked again at most once a second.
 */
final class Quarantine {

    static final long RECHECK_MILLIS = 1_000;
    /** The count of an account-day whose failures the store could not tell: no quarantine for it. */
    private static final int UNKNOWN = -1;

    private final int failuresPerDay;
    private final StateStore store;
    private final LongSupplier clock;
    private final Map<AccountDay, Count> counts = new ConcurrentHashMap<>();

    private record AccountDay(String account, LocalDate date) {
    }

    /** An account-day's failures since its last release, as far as this process knows, or {@link #UNKNOWN}. */
    private static final class Count {
        final AtomicInteger sinceRelease;
        volatile long checkedAt;

        Count(int sinceRelease, long checkedAt) {
            this.sinceRelease = new AtomicInteger(sinceRelease);
            this.checkedAt = checkedAt;
        }
    }

    Quarantine(int failuresPerDay, StateStore store, LongSupplier clock) {
        this.failuresPerDay = failuresPerDay;
        this.store = store;
        this.clock = clock;
    }

    /** What a call of {@code key}'s account throws instead of running, or null when it may run. */
    RuntimeException refusal(DayKey key) {
        if (failuresPerDay == 0) {
            return null;
        }
        AccountDay day = new AccountDay(key.account(), key.date());
        Count count = counts.get(day);
        if (count == null) {
            count = counts.computeIfAbsent(day, d -> new Count(read(d), clock.getAsLong()));
        }
        int failures = count.sinceRelease.get();
        if (failures != UNKNOWN && failures < failuresPerDay) {
            return null;
        }
        // In quarantine, or not known: ask the store again, at most once a second.
        long now = clock.getAsLong();
        if (now - count.checkedAt >= RECHECK_MILLIS) {
            count.checkedAt = now;
            failures = read(day);
            count.sinceRelease.set(failures);
        }
        if (failures == UNKNOWN || failures < failuresPerDay) {
            return null;
        }
        return new QuarantinedException(key.account(), failures, failuresPerDay);
    }

    /** This process recorded a failed attempt of {@code key}'s account. */
    void failed(DayKey key) {
        if (failuresPerDay == 0) {
            return;
        }
        Count count = counts.get(new AccountDay(key.account(), key.date()));
        if (count != null) {
            count.sinceRelease.updateAndGet(n -> n == UNKNOWN ? n : n + 1);
        }
    }

    /** Forgets every account-day but those of {@code dates}, as the stores do. */
    void retainOnly(Set<LocalDate> dates) {
        counts.keySet().removeIf(day -> !dates.contains(day.date()));
    }

    private int read(AccountDay day) {
        try {
            return store.failures(day.account(), day.date()).sinceRelease();
        } catch (IOException | RuntimeException e) {
            Log.warnOnce("quarantine#" + day.account(), "cannot count the failures of " + day.account()
                    + " today (" + Log.describe(e) + "); its activities run as if it had none.");
            return UNKNOWN;
        }
    }
}
