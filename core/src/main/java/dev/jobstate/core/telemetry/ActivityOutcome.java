package dev.jobstate.core.telemetry;

/** How one call of an activity went, as the events and counters name it. */
public enum ActivityOutcome {

    /** It ran and its completion was checkpointed. */
    COMPLETED("completed"),
    /** It ran and failed: its own exception, or a child of its account failed inside it. */
    FAILED("failed"),
    /** It ran and returned, but its result could not be recorded, so neither was the completion. */
    NOT_RECORDED("not recorded"),
    /** It was done today: the body was skipped and the recorded result replayed. */
    SKIPPED("skipped"),
    /** Another call of the same activity had its future pending: this call shares that outcome. */
    SHARED("shared"),
    /** It used up its failed attempts today: refused with {@code GaveUpException}. */
    GIVEN_UP("given up"),
    /** Its account is in quarantine: refused with {@code QuarantinedException}. */
    QUARANTINED("quarantined"),
    /** A once activity that started and never ended: refused with {@code InDoubtException}. */
    IN_DOUBT("in doubt"),
    /** It ran without jobstate: nothing was decided or saved for it (the reason is said once on stderr). */
    UNTRACKED("untracked");

    private final String label;

    ActivityOutcome(String label) {
        this.label = label;
    }

    /** The text the events carry: stable, for tools that filter on it. */
    public String label() {
        return label;
    }

    /** Whether the method's body ran tracked, however it ended. */
    boolean ran() {
        return this == COMPLETED || this == FAILED || this == NOT_RECORDED;
    }
}
