package dev.jobstate.cli.serve;

import dev.jobstate.cli.farm.FarmReport;
import dev.jobstate.cli.farm.ReportCollector;
import dev.jobstate.core.config.AccountDays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The history page's reports, collected by {@link ReportCollector} as {@code report} collects them.
 * A range of a large farm takes long to read (every day file of it), so collection runs on a
 * thread of its own, one range at a time, while the page shows how far it got; a finished report is
 * kept for {@link #FRESH} and then collected again when asked for.
 */
final class HistoryReports implements AutoCloseable {

    static final Duration FRESH = Duration.ofMinutes(1);
    private static final int KEPT = 4;

    /** One range's collection: running, done or failed. */
    static final class Job {
        final LocalDate from;
        final LocalDate to;
        final AtomicLong done = new AtomicLong();
        final AtomicLong total = new AtomicLong();
        volatile FarmReport report;
        volatile String problem;
        volatile Instant endedAt;

        Job(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
        }

        boolean running() {
            return endedAt == null;
        }
    }

    private final FarmAccess access;
    private final Clock clock;
    private final ErrorLog log;
    private final ExecutorService collector = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jobstate-serve-history");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<LocalDate, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Job> eldest) {
            return size() > KEPT;
        }
    });

    HistoryReports(FarmAccess access, Clock clock, ErrorLog log) {
        this.access = access;
        this.clock = clock;
        this.log = log;
    }

    /** The last {@code days} days up to the latest date that is some account's today. */
    synchronized Job of(int days) {
        AccountDays accountDays = access.days();
        Instant now = clock.instant();
        LocalDate to = Collections.max(accountDays.currentDates(now));
        LocalDate from = to.minusDays(days - 1L);
        Job known = jobs.get(from);
        boolean usable = known != null && known.to.equals(to) && (known.running()
                || known.endedAt.plus(known.problem == null ? FRESH : Duration.ofSeconds(5)).isAfter(now));
        if (usable) {
            return known;
        }
        Job job = new Job(from, to);
        jobs.put(from, job);
        collector.execute(() -> collect(job, accountDays, now));
        return job;
    }

    private void collect(Job job, AccountDays days, Instant now) {
        try {
            job.report = new ReportCollector(access.farm(), clock).todayOf(account -> days.dateOf(account, now))
                    .collect(job.from, job.to, (done, total) -> {
                        job.done.set(done);
                        job.total.set(total);
                    });
        } catch (Exception e) {
            log.once("collecting history " + job.from + " to " + job.to, e);
            job.problem = Reasons.of(e);
        } finally {
            job.endedAt = clock.instant();
        }
    }

    @Override
    public void close() {
        collector.shutdownNow();
    }
}
