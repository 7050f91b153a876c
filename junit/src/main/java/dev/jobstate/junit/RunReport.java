package dev.jobstate.junit;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What one run of the bot did, call by call, in the order the calls were decided.
 *
 * @param calls every activity call of the run
 * @param killed whether the run was killed ({@link BotRuns#crashAt}, {@link BotRuns#crashAfter})
 * @param thrown what the bot itself threw, other than the kill; null when it returned
 */
public record RunReport(List<Call> calls, boolean killed, Throwable thrown) {

    /**
     * Keeps its own copy of {@code calls}.
     *
     * @param calls every activity call of the run
     * @param killed whether the run was killed
     * @param thrown what the bot itself threw, other than the kill; null when it returned
     */
    public RunReport {
        calls = List.copyOf(calls);
    }

    /** @return {@code type/id} of every call whose body ran, in order */
    public List<String> ran() {
        return named(Call.Outcome.RAN);
    }

    /** @return {@code type/id} of every call skipped as completed earlier that day, in order */
    public List<String> skipped() {
        return named(Call.Outcome.SKIPPED);
    }

    /**
     * @param outcome what happened
     * @return {@code type/id} of every call it happened to, in order
     */
    public List<String> named(Call.Outcome outcome) {
        return calls.stream().filter(call -> call.outcome() == outcome).map(Call::name).toList();
    }

    /**
     * @param type the activity's type
     * @param id its id
     * @return what the first skipped call of {@code type/id} returned instead of running
     * @throws NoSuchElementException when no call of it was skipped in this run
     */
    public Object replayed(String type, String id) {
        return calls.stream().filter(call -> call.outcome() == Call.Outcome.SKIPPED && call.type().equals(type)
                        && call.id().equals(id)).findFirst().map(Call::value)
                .orElseThrow(() -> new NoSuchElementException("no call of " + type + "/" + id + " was skipped in this"
                        + " run; skipped: " + skipped()));
    }
}
