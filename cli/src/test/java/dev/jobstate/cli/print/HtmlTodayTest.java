package dev.jobstate.cli.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.cli.farm.Quarantines;
import dev.jobstate.cli.farm.Status;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The report's Today section on a farm too big for a page: the worst rows, then how many more. */
class HtmlTodayTest {

    /** A fixed date: the section prints what it is given, the day is only a label. */
    private static final LocalDate DAY = LocalDate.parse("2025-09-20");

    @Test
    void listsTheWorstRowsFirstAndSaysHowManyMoreThereAre() {
        List<Status.Row> rows = new ArrayList<>();
        List<Quarantines.Quarantined> quarantined = new ArrayList<>();
        for (int i = 0; i < HtmlToday.LIMIT + 5; i++) {
            String account = String.format(Locale.ROOT, "a%03d@example.com", i);
            // a000 has done 0 of 400, a001 1 of 400, ...: the lower the number, the worse.
            rows.add(new Status.Row(account, "daily-set", i, 400, List.of(), null, null));
            quarantined.add(new Quarantines.Quarantined(account, 3));
        }
        rows.add(new Status.Row("done@example.com", "daily-set", 3, 3, List.of(), null, null));
        Collections.reverse(rows);
        Status status = new Status(DAY, rows, new Status.Totals(HtmlToday.LIMIT + 6, 1,
                rows.size(), 0, 0, 0, 0, 0, 0, 0.5, 0, 0));
        StringBuilder out = new StringBuilder();

        new HtmlToday(status, quarantined, false, ZoneOffset.UTC).render(out);

        String html = out.toString();
        String first = "<tr><td>a000@example.com</td><td>daily-set</td><td>0/400</td>";
        assertTrue(html.indexOf(first) < html.indexOf("<td>a001@example.com</td><td>daily-set</td><td>1/400</td>"),
                html);
        assertTrue(html.contains("<td>a199@example.com</td><td>daily-set</td>"), html);
        assertFalse(html.contains("a200@example.com</td><td>daily-set") || html.contains("done@example.com"), html);
        assertEquals(2, html.split("<p class=\"note\">and 5 more\\.</p>", -1).length - 1,
                "after the quarantined and after the rows left: " + html);
    }
}
