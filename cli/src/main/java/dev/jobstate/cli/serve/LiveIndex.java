package dev.jobstate.cli.serve;

import dev.jobstate.cli.farm.FarmToday;
import dev.jobstate.cli.farm.TodayIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the farm's {@link TodayIndex} fresh on a thread of its own while someone watches: every
 * {@link #MIN_PAUSE} at most, and never more than half the time (a look that took 600 ms is
 * followed by a 600 ms pause, up to {@link #MAX_PAUSE}), so a large farm or a busy database is not
 * hammered. With no page
 * asking for {@link #IDLE_AFTER}, it stops until the next request. A failed refresh (the folder is
 * gone, the database is down) keeps the last good view, with the reason beside it, and is tried
 * again on the next round.
 */
final class LiveIndex implements AutoCloseable {

    static final long MIN_PAUSE = 400;
    static final long MAX_PAUSE = 2000;
    static final long IDLE_AFTER = TimeUnit.SECONDS.toMillis(20);

    /**
     * What a page is shown.
     *
     * @param today the last good view, or null before the first
     * @param problem why the last refresh failed, or null
     * @param tookMillis how long the last look at the store took: what watching costs
     */
    record View(FarmToday today, String problem, Instant checkedAt, long tookMillis) {

        /** Changes whenever anything a page shows of the farm changes. */
        String tag() {
            return (today == null ? "none" : Long.toString(today.version()))
                    + (problem == null ? "" : "-" + Integer.toHexString(problem.hashCode()));
        }
    }

    private final FarmAccess access;
    private final Clock clock;
    private final ErrorLog log;
    private final Thread thread;
    private volatile View view;
    private volatile TodayIndex index;
    private volatile long watchedUntil;
    private volatile boolean closed;
    private boolean poked;

    LiveIndex(FarmAccess access, Clock clock, ErrorLog log) {
        this.access = access;
        this.clock = clock;
        this.log = log;
        this.view = new View(null, null, null, 0);
        this.watchedUntil = System.currentTimeMillis() + IDLE_AFTER;
        this.thread = new Thread(this::run, "jobstate-serve-index");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The latest view; asking counts as watching. */
    View current() {
        watchedUntil = System.currentTimeMillis() + IDLE_AFTER;
        synchronized (this) {
            notifyAll();
        }
        return view;
    }

    /** The version at which {@code account}'s rows last changed; 0 before the first view. */
    long versionOf(String account) {
        TodayIndex known = index;
        return known == null ? 0 : known.versionOf(account);
    }

    /** Something was just changed from a page: look again now rather than at the next round. */
    synchronized void poke() {
        poked = true;
        watchedUntil = System.currentTimeMillis() + IDLE_AFTER;
        notifyAll();
    }

    /** Waits until the first look ended, well or not, or {@code millis} passed: for a server's start-up. */
    boolean awaitFirstLook(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (this) {
            while (view.checkedAt() == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
        }
        return true;
    }

    private void run() {
        boolean first = true;
        while (!closed) {
            long started = System.nanoTime();
            refresh();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            try {
                // The first look reads every day of today, the next ones only what changed; a rare long
                // one (a new day is read whole at midnight) must not hold the next for as long.
                pause(first ? MIN_PAUSE : Math.max(MIN_PAUSE, Math.min(MAX_PAUSE, took)));
            } catch (InterruptedException e) {
                return;
            }
            first = view.today() == null;
        }
    }

    private void refresh() {
        Instant now = clock.instant();
        long started = System.nanoTime();
        try {
            TodayIndex known = index;
            if (known == null) {
                known = access.farm().todayIndex(access.days(), access.quarantineLimit(), clock);
                index = known;
            }
            known.refresh();
            if (view.problem() != null) {
                log.say("reading the farm again: " + view.problem() + " is over");
                log.forget();
            }
            view = new View(known.today(), null, now, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception e) {
            log.once("reading the farm", e);
            view = new View(view.today(), Reasons.of(e), now, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Sleeps {@code millis}, less if poked; while nobody watches, until someone does. */
    private synchronized void pause(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!closed && !poked) {
            long now = System.currentTimeMillis();
            if (now >= deadline && now < watchedUntil) {
                break;
            }
            // Before the deadline, wait for it; after it with nobody watching, wait for a request.
            wait(now < deadline ? deadline - now : 0);
        }
        poked = false;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
