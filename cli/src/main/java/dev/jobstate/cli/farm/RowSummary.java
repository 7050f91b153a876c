package dev.jobstate.cli.farm;

import dev.jobstate.core.model.LastFailure;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account folder's status rows in bytes, as {@link StatusCache} keeps them: everything a
 * {@link Status.Row} holds. Only rows of readable files that no run's journal touches are kept, so
 * a row's problem is always null here.
 */
final class RowSummary {

    private RowSummary() {
    }

    static void write(VarInts.Writer out, List<Status.Row> rows) {
        out.fixedInt(rows.size());
        for (Status.Row row : rows) {
            DaySummary.writeString(out, row.account());
            DaySummary.writeString(out, row.type());
            out.fixedInt(row.completed());
            out.fixedInt(row.known());
            out.fixedInt(row.failed().size());
            for (Status.Failed failed : row.failed()) {
                LastFailure failure = failed.failure();
                DaySummary.writeString(out, failed.id());
                DaySummary.writeString(out, failure.exception());
                DaySummary.writeString(out, failure.message());
                DaySummary.instant(out, failure.at());
                out.fixedInt(failure.attempts());
                out.fixedInt(failure.maxAttempts());
            }
            out.fixedInt(row.notStarted());
            DaySummary.instant(out, row.lastUpdate());
            out.fixedInt(row.inDoubt().size());
            for (Status.InDoubt inDoubt : row.inDoubt()) {
                DaySummary.writeString(out, inDoubt.id());
                DaySummary.instant(out, inDoubt.startedAt());
            }
            out.fixedInt(row.interrupted());
        }
    }

    /** @throws RuntimeException when the bytes are not what {@link #write} wrote */
    static List<Status.Row> read(ByteBuffer in) {
        int count = DaySummary.count(in);
        List<Status.Row> rows = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            String account = DaySummary.readString(in);
            String type = DaySummary.readString(in);
            int completed = in.getInt();
            int known = in.getInt();
            Status.Failed[] failed = new Status.Failed[DaySummary.count(in)];
            for (int i = 0; i < failed.length; i++) {
                failed[i] = new Status.Failed(DaySummary.readString(in), new LastFailure(DaySummary.readString(in),
                        DaySummary.readString(in), DaySummary.instant(in), in.getInt(), in.getInt()));
            }
            int notStarted = in.getInt();
            Instant lastUpdate = DaySummary.instant(in);
            Status.InDoubt[] inDoubt = new Status.InDoubt[DaySummary.count(in)];
            for (int i = 0; i < inDoubt.length; i++) {
                inDoubt[i] = new Status.InDoubt(DaySummary.readString(in), DaySummary.instant(in));
            }
            rows.add(new Status.Row(account, type, completed, known, List.of(failed), notStarted, lastUpdate, null,
                    List.of(inDoubt), in.getInt()));
        }
        return rows;
    }
}
