package dev.jobstate.junit;

/**
 * One activity call of a run, as jobstate decided it.
 *
 * @param account the account it was for
 * @param type the activity's type
 * @param id its id
 * @param outcome what happened to it
 * @param value what the body returned ({@link Outcome#RAN}) or what the skipped call replayed
 *     ({@link Outcome#SKIPPED}); else null
 * @param thrown what the body threw, for {@link Outcome#RAN}; else null
 */
public record Call(String account, String type, String id, Outcome outcome, Object value, Throwable thrown) {

    /** What happened to a call. */
    public enum Outcome {
        /** Its body ran (and threw, when {@link Call#thrown()} is set). */
        RAN,
        /** It completed earlier that day: its body did not run, and it returned the value it returned then. */
        SKIPPED,
        /** It shared the pending future of the same activity running on another thread. */
        SHARED,
        /** It had used up its failed attempts today: it threw {@code GaveUpException}. */
        GAVE_UP,
        /** Its account is in quarantine today: it threw {@code QuarantinedException}. */
        QUARANTINED,
        /** A once activity started and never ended: it threw {@code InDoubtException}. */
        IN_DOUBT,
        /** It ran without jobstate (the reason was said on stderr). */
        UNTRACKED,
        /** The run was killed as this call was about to run its body. */
        KILLED
    }

    /** @return {@code type/id}, the form {@link RunReport}'s lists use */
    public String name() {
        return type + "/" + id;
    }
}
