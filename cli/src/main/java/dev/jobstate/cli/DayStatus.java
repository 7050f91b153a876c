package dev.jobstate.cli;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Progress;
import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Scope;
import dev.jobstate.cli.farm.Status;
import dev.jobstate.core.config.AccountDays;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * How the farm stands on a day, with the accounts in quarantine: what {@code status} prints and
 * the report's Today section shows. Both read it here, so the two never count differently.
 *
 * @param ownDays each account's row is of its own today (or yesterday), because
 *     {@code jobState.accounts} gives accounts different days; {@link Status#date()} is then the
 *     default day's
 */
record DayStatus(Status status, List<Quarantines.Quarantined> quarantined, boolean ownDays) {

    /**
     * @param date as {@code status --date} takes it: null or {@code today}, {@code yesterday}, or a date
     * @param account only this account, or null for all
     * @param type only this type, or null for all
     */
    static DayStatus read(StateDirOptions state, String date, String account, String type, Progress progress)
            throws IOException {
        Farm farm = state.farm();
        AccountDays days = state.days();
        // One instant for every account, so rows and quarantines agree on which day is whose.
        Instant now = Instant.now();
        boolean today = date == null || date.equalsIgnoreCase("today");
        int back = today ? 0 : 1;
        boolean ownDays = account == null && !days.isUniform() && (today || date.equalsIgnoreCase("yesterday"));
        Function<String, LocalDate> ownDay = a -> days.dateOf(a, now).minusDays(back);
        Status status;
        if (ownDays) {
            status = Status.ofOwnDays(farm, days, now, back, type, progress);
        } else {
            status = farm.status(Scope.day(state.date(date, account)).withAccount(account).withType(type), progress);
        }
        LocalDate shown = status.date();
        List<Quarantines.Quarantined> quarantined = Quarantines.of(farm, status,
                state.config().quarantineFailuresPerDay(), ownDays ? ownDay : a -> shown);
        return new DayStatus(status, quarantined, ownDays);
    }
}
