package dev.jobstate.cli;

import dev.jobstate.core.model.DayKey;
import picocli.CommandLine.Option;

/** Which activity {@code mark} and {@code unmark} act on. */
final class MarkOptions {

    @Option(names = "--account", required = true, description = "The account.")
    String account;

    @Option(names = "--type", required = true, description = "The activity's type.")
    String type;

    @Option(names = "--id", required = true, description = "The activity's id.")
    String id;

    @Option(names = "--date", paramLabel = "today|YYYY-MM-DD", description = "The day (default: today).")
    String date;

    DayKey key(StateDirOptions state) {
        return new DayKey(account, type, state.date(date, account));
    }
}
