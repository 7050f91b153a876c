package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.store.postgres.PgDays;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Today's status of a PostgreSQL farm. The first look, a new day and every few minutes summarize
 * the whole farm by the same aggregate query {@code status} runs (a pass over today's rows: about
 * 2 s for 10,000 accounts, BENCHMARKS.md); the looks between ask the server which accounts' rows
 * changed since the last look ({@code updated_at}, resets, releases) and summarize just those, so a
 * checkpoint reaches the page in about a look. Only the accounts whose rows changed, and those in
 * quarantine (a release changes no activity row), are asked for their failures again.
 */
final class PgTodayIndex implements TodayIndex {

    private final PgFarm farm;
    private final AccountDays days;
    private final int quarantineLimit;
    private final Clock clock;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private Map<String, List<Status.Row>> rows = Map.of();
    private Map<String, Integer> quarantined = Map.of();
    private volatile FarmToday today;
    private long version;
    private Instant since; // the server's time of the last look
    private Instant lastFull = Instant.EPOCH;
    private LocalDate lastDate;

    /** Beyond this many changed accounts, one pass over the farm costs less than one query each. */
    static final int MOST_ACCOUNTS_ONE_BY_ONE = 200;
    /** A whole pass now and then, so that nothing a look could miss (a deleted row) lasts. */
    static final Duration FULL_EVERY = Duration.ofMinutes(5);

    PgTodayIndex(PgFarm farm, AccountDays days, int quarantineLimit, Clock clock) {
        this.farm = farm;
        this.days = days;
        this.quarantineLimit = quarantineLimit;
        this.clock = clock;
    }

    @Override
    public FarmToday today() {
        return today;
    }

    @Override
    public long versionOf(String account) {
        return versions.getOrDefault(account, 0L);
    }

    @Override
    public Refresh refresh() throws IOException {
        Instant now = clock.instant();
        LocalDate date = days.defaultSchedule().dateAt(now);
        List<LocalDate> dates = new ArrayList<>(days.currentDates(now));
        Collections.sort(dates);
        boolean whole = today == null || !date.equals(lastDate) || now.isAfter(lastFull.plus(FULL_EVERY));
        // Today's rows only: the day before changes rarely (what it had counts as not started today),
        // and half the rows to look through is half the look; the whole pass picks it up.
        PgDays.Changes changes = farm.changes(whole ? null : since, dates.get(0), dates.get(dates.size() - 1));
        if (!whole && changes.accounts().size() > MOST_ACCOUNTS_ONE_BY_ONE) {
            whole = true;
        }
        Map<String, List<Status.Row>> next;
        Status status;
        if (whole) {
            status = days.isUniform() ? farm.status(Scope.day(date), Progress.NONE)
                    : Status.ofOwnDays(farm, days, now, 0, null, Progress.NONE);
            next = new TreeMap<>();
            for (Status.Row row : status.rows()) {
                next.computeIfAbsent(row.account(), a -> new ArrayList<>()).add(row);
            }
            lastFull = now;
            lastDate = date;
        } else {
            next = new TreeMap<>(rows);
            for (String account : changes.accounts()) {
                List<Status.Row> accountRows = farm.status(Scope.day(days.dateOf(account, now)).withAccount(account),
                        Progress.NONE).rows();
                if (accountRows.isEmpty()) {
                    next.remove(account);
                } else {
                    next.put(account, accountRows);
                }
            }
            status = Status.of(date, new ArrayList<>(next.values()));
        }
        since = changes.at();
        Set<String> changed = new HashSet<>();
        next.forEach((account, accountRows) -> {
            if (!accountRows.equals(rows.get(account))) {
                changed.add(account);
            }
        });
        rows.keySet().stream().filter(account -> !next.containsKey(account)).forEach(changed::add);
        Map<String, Integer> nextQuarantined = quarantined(next.keySet(), changed, now);
        boolean any = today == null || !changed.isEmpty() || !nextQuarantined.equals(quarantined);
        rows = next;
        if (!any) {
            today = today.seenAt(now);
            return new Refresh(next.size(), changed.size(), false);
        }
        version++;
        for (String account : changed) {
            versions.put(account, version);
        }
        quarantined.keySet().stream().filter(a -> !nextQuarantined.containsKey(a)).forEach(a -> versions.put(a, version));
        nextQuarantined.keySet().stream().filter(a -> !quarantined.containsKey(a)).forEach(a -> versions.put(a, version));
        quarantined = nextQuarantined;
        today = new FarmToday(version, now, status, Collections.unmodifiableMap(nextQuarantined), !days.isUniform());
        return new Refresh(next.size(), changed.size(), true);
    }

    /**
     * Accounts in quarantine, in the rows' order. An account is asked only when its rows changed
     * (new failures) or it was in quarantine (a release changes no row); the others cannot have
     * entered it.
     */
    private Map<String, Integer> quarantined(Set<String> accounts, Set<String> changed, Instant now)
            throws IOException {
        if (quarantineLimit == 0) {
            return Map.of();
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        for (String account : accounts) {
            boolean ask = today == null || changed.contains(account) || quarantined.containsKey(account);
            if (!ask) {
                continue;
            }
            LocalDate date = days.dateOf(account, now);
            int failures = farm.failures(account, date).sinceRelease();
            if (failures >= quarantineLimit) {
                next.put(account, failures);
            }
        }
        return next;
    }
}
