package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's changes, made the one way the commands ({@code mark}, {@code unmark},
 * {@code release}, {@code reset}) and the dashboard both make them: the same calls on the farm, so
 * a running bot sees a change from either alike, and the same words for what was done.
 */
public final class Actions {

    private Actions() {
    }

    /** Nothing was changed, and the operator should hear why: the message says. */
    public static final class NothingChanged extends Exception {

        private static final long serialVersionUID = 1L;

        NothingChanged(String message) {
            super(message);
        }
    }

    /** Records {@code id} as done by hand. */
    public static String mark(Marks marks, DayKey key, String id) throws IOException {
        return marks.mark(key, id) == Marks.Outcome.CHANGED
                ? "marked " + id + " completed for " + key.account() + " " + key.type() + " on " + key.date()
                : id + " was already completed for " + key.account() + " " + key.type() + " on " + key.date();
    }

    /**
     * Makes {@code id} run again: a completed one, a failed one (with its attempts back) or one in doubt.
     *
     * @throws NothingChanged when it is none of those
     */
    public static String unmark(Marks marks, DayKey key, String id) throws IOException, NothingChanged {
        if (marks.unmark(key, id) == Marks.Outcome.ALREADY_SO) {
            throw new NothingChanged(id + " is neither completed nor failed for " + key.account() + " " + key.type()
                    + " on " + key.date() + "; nothing changed");
        }
        return "unmarked " + id + " for " + key.account() + " " + key.type() + " on " + key.date() + ": it runs again";
    }

    /**
     * Lets {@code account} out of quarantine on {@code day}.
     *
     * @param quarantineLimit the config's {@code jobState.quarantine.failuresPerDay}, to say when there is none
     */
    public static String release(Farm farm, String account, LocalDate day, int quarantineLimit) throws IOException {
        int forgiven = farm.release(account, day);
        return "released " + account + " on " + day + ": its " + forgiven + (forgiven == 1 ? " failure" : " failures")
                + " no longer count"
                + (quarantineLimit == 0 ? " (no quarantine is configured: jobState.quarantine.failuresPerDay)" : "");
    }

    /**
     * Starts {@code scope}'s days afresh, each kept as a backup (never purged from a page).
     *
     * @param today the account's today: a bot may be writing it, so it becomes a fresh day that
     *     remembers the reset
     * @return what was done, a line per day after the first
     */
    public static List<String> reset(Farm farm, Scope scope, LocalDate today) throws IOException, NothingChanged {
        Farm.ResetPlan plan = farm.planReset(scope);
        if (plan.items().isEmpty()) {
            throw new NothingChanged(nothingToReset(farm, scope));
        }
        return resetDone(plan.apply(false, today), farm.unit(), false);
    }

    /** What {@code reset} says when {@code scope} has no day. */
    public static String nothingToReset(Farm farm, Scope scope) {
        return "nothing to reset: no " + farm.unit().kind() + " for " + scope.account()
                + (scope.type() == null ? "" : " " + scope.type()) + (scope.from() == null ? "" : " on " + scope.from())
                + farm.lookedIn();
    }

    /** What {@code reset} says it did: a line, then one per day reset. */
    public static List<String> resetDone(Farm.ResetDone done, Farm.Unit unit, boolean purge) {
        List<String> lines = new ArrayList<>();
        lines.add((purge ? "deleted " : "reset ") + count(done.items().size(), unit) + done.measure()
                + (purge ? ":" : "; kept in " + done.keptIn() + ":"));
        done.items().forEach(item -> lines.add("  " + item));
        return lines;
    }

    /** "1 file", "3 days". */
    public static String count(int n, Farm.Unit unit) {
        return n + " " + unit.of(n);
    }
}
