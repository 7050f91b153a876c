package dev.jobstate.cli.farm;

import dev.jobstate.core.config.AccountDays;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Today's status of a PostgreSQL farm, summarized again on each refresh by the same aggregate
 * query {@code status} runs (one pass over today's rows on the server; BENCHMARKS.md has its cost),
 * and compared with the last one account by account. Only the accounts whose rows changed, and those
 * in quarantine (a release changes no activity row), are asked for their failures again.
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
        Status status = days.isUniform() ? farm.status(Scope.day(days.defaultSchedule().dateAt(now)), Progress.NONE)
                : Status.ofOwnDays(farm, days, now, 0, null, Progress.NONE);
        Map<String, List<Status.Row>> next = new LinkedHashMap<>();
        for (Status.Row row : status.rows()) {
            next.computeIfAbsent(row.account(), a -> new ArrayList<>()).add(row);
        }
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
