package dev.jobstate.cli.farm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the farm stands today, as a {@link TodayIndex} last read it: the {@link Status} that
 * {@code status} prints, with the accounts in quarantine. Immutable, so a page reads one version
 * whole while the index builds the next.
 *
 * @param version grows by one each time anything in it changed
 * @param readAt when the index last looked at the store, changed or not
 * @param quarantined failures that count, per account in quarantine
 * @param ownDays each row is of its account's own today ({@code jobState.accounts}); {@link Status#date()}
 *     is then the default day's
 */
public record FarmToday(long version, Instant readAt, Status status, Map<String, Integer> quarantined,
                        boolean ownDays) {

    /** In the order {@code status} lists them. */
    public List<Quarantines.Quarantined> quarantinedList() {
        return quarantined.entrySet().stream().map(e -> new Quarantines.Quarantined(e.getKey(), e.getValue())).toList();
    }

    /** The same farm, looked at again at {@code at} and found unchanged. */
    FarmToday seenAt(Instant at) {
        return new FarmToday(version, at, status, quarantined, ownDays);
    }
}
