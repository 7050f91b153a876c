package dev.jobstate.cli.farm;

import dev.jobstate.core.store.AccountFailures;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which accounts of a status are in quarantine ({@code jobState.quarantine.failuresPerDay}): those
 * whose failures on their day, since an operator last released them, reached the limit. The same
 * count a running bot makes, from the same state.
 */
public final class Quarantines {

    /** An account in quarantine, and its failures that count towards it. */
    public record Quarantined(String account, int failures) {
    }

    private Quarantines() {
    }

    /**
     * @param failuresPerDay the configured limit; 0 means no quarantine, and the answer is empty
     * @param dayOf each account's day, as the status shows it
     */
    public static List<Quarantined> of(Farm farm, Status status, int failuresPerDay,
                                       Function<String, LocalDate> dayOf) throws IOException {
        if (failuresPerDay == 0) {
            return List.of();
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (Status.Row row : status.rows()) {
            accounts.add(row.account());
        }
        List<Quarantined> quarantined = new ArrayList<>();
        for (String account : accounts) {
            AccountFailures failures = farm.failures(account, dayOf.apply(account));
            if (failures.sinceRelease() >= failuresPerDay) {
                quarantined.add(new Quarantined(account, failures.sinceRelease()));
            }
        }
        return quarantined;
    }
}
