package dev.jobstate.cli.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstate.cli.farm.Status;
import dev.jobstate.core.model.LastFailure;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The status table, written straight from the rows, is the table {@link Table} lays out from each
 * row's cells, as status always printed it: widths, alignment, colours, notes and trimmed ends.
 */
class StatusTableTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:00:05Z");
    private static final LastFailure FAILURE = new LastFailure("java.io.IOException", "reset", AT, 1, 3);

    @Test
    void isTheTableOfEachRowsCellsWithAndWithoutColour() {
        List<Status.Row> rows = rows(new Random(17), 2_000);
        for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"))) {
            for (Ansi ansi : List.of(Ansi.OFF, new Ansi(true))) {
                assertEquals(asTable(rows, zone, ansi), StatusTable.render(new StringBuilder(), rows, zone, ansi)
                        .toString(), zone + " " + ansi);
            }
        }
    }

    @Test
    void aColumnIsAsWideAsItsHeaderOrWidestCell() {
        List<Status.Row> rows = List.of(new Status.Row("a", "t", 1, 1, List.of(), null, null));

        assertEquals("ACCOUNT  TYPE  DONE    RATE  FAILED  LAST UPDATE\n"
                        + "a        t      1/1  100.0%       0  -\n",
                StatusTable.render(new StringBuilder(), rows, ZoneOffset.UTC, Ansi.OFF).toString());
    }

    @Test
    void digitsAreTheLengthOfTheNumberWritten() {
        for (long value : new long[] {0, 9, 10, 99, 100, 12_345, Integer.MAX_VALUE, -1, -10, Integer.MIN_VALUE}) {
            assertEquals(String.valueOf(value).length(), StatusTable.digits(value), String.valueOf(value));
        }
    }

    /** Rows of every kind: counts small and large, notes, failures, no update, unreadable, wide names. */
    private static List<Status.Row> rows(Random random, int count) {
        List<Status.Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = (i % 97 == 0 ? "ünïcødé-✓-" : "user") + String.format(Locale.ROOT, "%05d", i)
                    + "@example.com".repeat(random.nextInt(3));
            String type = List.of("daily-set", "desktop-search", "t", "a-type-with-a-rather-long-name").get(i % 4);
            if (i % 53 == 0) {
                String why = i % 106 == 0 ? "not valid JSON: trailing \t \n" : "the file is empty";
                rows.add(new Status.Row(account, type, 0, 0, List.of(), null, why));
                continue;
            }
            int known = random.nextInt(4) == 0 ? random.nextInt(100_000) : random.nextInt(12);
            int completed = known == 0 ? 0 : random.nextInt(known + 1);
            List<Status.Failed> failed = new ArrayList<>();
            for (int f = random.nextInt(3) == 0 ? random.nextInt(12) : 0; f > 0; f--) {
                failed.add(new Status.Failed("id-" + f, FAILURE));
            }
            int notStarted = random.nextInt(3) == 0 ? random.nextInt(1_500) : 0;
            int interrupted = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
            Instant update = i % 7 == 0 ? null : AT.plusSeconds(random.nextInt(200_000));
            rows.add(new Status.Row(account, type, completed, known + notStarted, List.copyOf(failed), notStarted,
                    update, null, List.of(), interrupted));
        }
        return rows;
    }

    /** The table as status made it before: a list of cells and styles per row, laid out by {@link Table}. */
    private static String asTable(List<Status.Row> rows, ZoneId zone, Ansi ansi) {
        Table table = new Table(List.of("ACCOUNT", "TYPE", "DONE", "RATE", "FAILED", "LAST UPDATE"),
                false, false, true, true, true);
        for (Status.Row row : rows) {
            if (row.problem() != null) {
                table.add(List.of(row.account(), row.type(), "-", "-", "-", "unreadable: " + row.problem()),
                        null, null, null, null, null, ansi::red);
                continue;
            }
            boolean done = row.completed() == row.known();
            UnaryOperator<String> doneStyle = done ? ansi::green : ansi::yellow;
            table.add(List.of(row.account(), row.type(), row.completed() + "/" + row.known() + notes(row),
                            StatusText.percent(row.completed(), row.known()), String.valueOf(row.failed().size()),
                            StatusText.time(row.lastUpdate(), zone)),
                    null, null, null, doneStyle, row.failed().isEmpty() ? null : ansi::red, null);
        }
        return table.render(ansi);
    }

    private static String notes(Status.Row row) {
        List<String> notes = new ArrayList<>(2);
        if (row.notStarted() > 0) {
            notes.add(row.notStarted() + " not started");
        }
        if (row.interrupted() > 0) {
            notes.add(row.interrupted() + " interrupted");
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }
}
