package dev.jobstate.core.telemetry;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One call of an {@code @Activity} method. Off unless a recording's settings turn it on (as
 * {@code jfr/jobstate.jfc} does): a recording with the JDK's default settings must not grow by an
 * event per skipped call, nor the skip path by its cost.
 */
@Name(ActivityEvent.NAME)
@Category("jobstate")
@Label("Activity Call")
@Description("One call of an @Activity method: from its entry until its outcome is durable (for a call"
        + " that does not run, until jobstate decided so)")
@Enabled(false)
@StackTrace(false)
final class ActivityEvent extends Event {

    static final String NAME = "dev.jobstate.Activity";

    @Label("Method")
    @Description("The annotated method, as Class.method(parameter types)")
    String method;

    @Label("Account")
    String account;

    @Label("Type")
    @Description("The activity's type, which names its state file")
    String type;

    @Label("Activity Id")
    String activityId;

    @Label("Outcome")
    @Description("completed, failed, not recorded, skipped, shared, given up, quarantined, in doubt or untracked")
    String outcome;

    @Label("Attempts")
    @Description("How many times the body ran in this call (retries included); 0 when it did not run tracked")
    int attempts;
}
