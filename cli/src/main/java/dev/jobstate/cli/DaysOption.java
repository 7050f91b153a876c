package dev.jobstate.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** {@code --days N}: the last N days, today included. */
final class DaysOption {

    @Option(names = "--days", defaultValue = "30", description = "How many days, today included (default: ${DEFAULT-VALUE}).")
    int days;

    /** The first day of the range that ends {@code today}. */
    LocalDate firstDay(LocalDate today) {
        return firstDay(days, today);
    }

    /** The first day of the last {@code days} days, today included; for commands where --days is optional. */
    static LocalDate firstDay(int days, LocalDate today) {
        if (days < 1) {
            throw CliError.usage("--days must be at least 1");
        }
        return today.minusDays(days - 1L);
    }
}
