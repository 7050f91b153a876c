package dev.jobstate.core.store.file;

import static dev.jobstate.core.store.file.Days.ACCOUNT;
import static dev.jobstate.core.store.file.Days.DATE;
import static dev.jobstate.core.store.file.Days.NOON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.AccountFailures;
import dev.jobstate.core.store.FolderNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's failures on a day, as a quarantine counts them from its state files: the attempts of
 * every failure of every type of that date, less those an operator released.
 */
class ReleasesTest {

    @TempDir
    Path root;

    private final StateFiles files = new StateFiles();

    /** Writes {@code account}'s {@code type} file of {@code date} with failures of these attempts. */
    private void day(String account, String type, LocalDate date, int... attempts) throws Exception {
        DayKey key = new DayKey(account, type, date);
        Map<String, LastFailure> failures = new LinkedHashMap<>();
        for (int i = 0; i < attempts.length; i++) {
            failures.put("a" + i, new LastFailure("java.lang.IllegalStateException", "boom", NOON, attempts[i]));
        }
        Path file = root.resolve(FolderNames.encode(account)).resolve(type + "-" + date + ".json");
        Files.createDirectories(file.getParent());
        files.write(file, DayState.of(key, List.of("done"), failures.keySet(), NOON, Map.of(), failures, Map.of()));
    }

    private Releases releases() {
        return new Releases(root);
    }

    @Test
    void anAccountWithoutAFolderHasNoFailures() throws Exception {
        assertEquals(AccountFailures.NONE, releases().failures("nobody", DATE));
    }

    @Test
    void sumsTheAttemptsOfEveryFailureOfEveryTypeOfTheDay() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 2, 1);
        day(ACCOUNT, "punch-card", DATE, 3);
        day(ACCOUNT, "quiz", DATE);

        assertEquals(new AccountFailures(6, 0), releases().failures(ACCOUNT, DATE));
    }

    @Test
    void otherDatesOtherAccountsAndDotFilesDoNotCount() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 1);
        day(ACCOUNT, "daily-set", DATE.minusDays(1), 5);
        day(ACCOUNT, "daily-set", DATE.plusDays(1), 7);
        day("other@email.com", "daily-set", DATE, 9);
        Path folder = root.resolve(FolderNames.encode(ACCOUNT));
        Files.copy(folder.resolve("daily-set-" + DATE.minusDays(1) + ".json"),
                folder.resolve(".hidden-" + DATE + ".json"));
        Files.writeString(folder.resolve("notes-" + DATE + ".txt"), "not a day file");

        assertEquals(1, releases().failures(ACCOUNT, DATE).failures());
    }

    @Test
    void anUnreadableDayFileCountsNothingAndTheRestStillCount() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 2);
        Files.writeString(root.resolve(FolderNames.encode(ACCOUNT)).resolve("quiz-" + DATE + ".json"), "{ torn");

        assertEquals(2, releases().failures(ACCOUNT, DATE).failures());
    }

    @Test
    void aReleaseRecordsTheFailuresItForgivesAndTheyNoLongerCount() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 2);
        day(ACCOUNT, "punch-card", DATE, 1);

        int released = releases().release(ACCOUNT, DATE, NOON);

        assertEquals(3, released);
        AccountFailures after = releases().failures(ACCOUNT, DATE);
        assertEquals(new AccountFailures(3, 3), after);
        assertEquals(0, after.sinceRelease());
        Path marker = root.resolve(FolderNames.encode(ACCOUNT)).resolve(".released-" + DATE + ".json");
        JsonNode json = new ObjectMapper().readTree(marker.toFile());
        assertEquals(NOON.toString(), json.path("releasedAt").textValue());
        assertEquals(3, json.path("failures").intValue());
    }

    @Test
    void failuresAfterAReleaseCountAgain() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 2);
        releases().release(ACCOUNT, DATE, NOON);
        day(ACCOUNT, "daily-set", DATE, 2, 3);

        assertEquals(3, releases().failures(ACCOUNT, DATE).sinceRelease());
    }

    @Test
    void aReleaseIsOfItsDateOnly() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 4);
        day(ACCOUNT, "daily-set", DATE.plusDays(1), 4);

        releases().release(ACCOUNT, DATE, NOON);

        assertEquals(0, releases().failures(ACCOUNT, DATE).sinceRelease());
        assertEquals(new AccountFailures(4, 0), releases().failures(ACCOUNT, DATE.plusDays(1)));
    }

    @Test
    void aReleaseAgainReplacesTheMarkerWithTheCountOfNow() throws Exception {
        day(ACCOUNT, "daily-set", DATE, 2);
        releases().release(ACCOUNT, DATE, NOON);
        day(ACCOUNT, "daily-set", DATE, 5);

        assertEquals(5, releases().release(ACCOUNT, DATE, NOON.plusSeconds(60)));
        assertEquals(new AccountFailures(5, 5), releases().failures(ACCOUNT, DATE));
    }

    @Test
    void anAccountWithNoStateYetCanBeReleasedAndItsMarkerIsNoDayFile() throws Exception {
        assertEquals(0, releases().release("fresh@email.com", DATE, NOON));

        Path folder = root.resolve(FolderNames.encode("fresh@email.com"));
        assertTrue(Files.exists(folder.resolve(".released-" + DATE + ".json")));
        assertFalse(DayFileRef.parse(folder.resolve(".released-" + DATE + ".json")).isPresent(),
                "a dot file, which nothing that lists day files takes for one");
        assertEquals(new AccountFailures(0, 0), releases().failures("fresh@email.com", DATE));
    }
}
