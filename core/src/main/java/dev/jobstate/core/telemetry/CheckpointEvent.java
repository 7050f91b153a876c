package dev.jobstate.core.telemetry;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One durable write of checkpoints. Off unless a recording's settings turn it on, as for {@link ActivityEvent}. */
@Name(CheckpointEvent.NAME)
@Category("jobstate")
@Label("Checkpoint")
@Description("One durable write: a state file replaced (temp file, fsync, rename, folder fsync) or a batch"
        + " of outcomes written to PostgreSQL")
@Enabled(false)
@StackTrace(false)
final class CheckpointEvent extends Event {

    static final String NAME = "dev.jobstate.Checkpoint";

    @Label("Store")
    @Description("file or postgres")
    String store;

    @Label("Bytes")
    @Description("file: the state file written; postgres: the ids, results and failure messages sent")
    @DataAmount
    long bytes;

    @Label("Batch Size")
    @Description("How many changes this one write made durable (group commit)")
    int batchSize;

    @Label("Sync Time")
    @Description("file: time in fsync of the file and its folder; postgres: time in the database round trip")
    @Timespan(Timespan.NANOSECONDS)
    long syncTime;

    @Label("Succeeded")
    boolean succeeded;
}
