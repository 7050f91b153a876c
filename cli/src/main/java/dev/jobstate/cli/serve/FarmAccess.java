package dev.jobstate.cli.serve;

import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Marks;
import dev.jobstate.core.config.AccountDays;
import java.io.IOException;

/**
 * What the dashboard reads and changes, opened as the commands open it ({@code --dir},
 * {@code --config}): the same {@link Farm} and {@link Marks} that {@code status}, {@code mark} and
 * the others use, so a change from a page is a change from the command line. Opening may fail (a
 * database that is down) and is tried again on the next look; implementations are thread-safe.
 */
public interface FarmAccess {

    /** The farm, opened on first use. */
    Farm farm() throws IOException;

    /** Where marks go, as {@code mark} and {@code unmark} write them. */
    Marks marks() throws IOException;

    /** Which day is today for each account. */
    AccountDays days();

    /** {@code jobState.quarantine.failuresPerDay}; 0 for none. */
    int quarantineLimit();
}
