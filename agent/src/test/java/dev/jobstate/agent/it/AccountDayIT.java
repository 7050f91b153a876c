package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each account's own day, in a bot with the agent: the date in the file name and in every skip
 * decision is the account's date, set by {@code jobState.dayStartsAt} and the rules of
 * {@code jobState.accounts}. Not timing-sensitive: the config's zone is {@link Zones#NOON}, where it
 * is about noon while the suite runs, so a day starting at 06:00 began this morning and one starting
 * at 20:00 began yesterday evening; moving the start across "now" between runs is crossing the
 * account's boundary.
 */
class AccountDayIT {

    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.org";

    private static String config(String dayStartsAt, String accounts) {
        return "{\"jobState\": {\"timezone\": \"" + Zones.NOON.getId() + "\", \"dayStartsAt\": \"" + dayStartsAt + "\""
                + (accounts == null ? "" : ", \"accounts\": " + accounts) + "}}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void eachAccountWritesAndSkipsByItsOwnDateAndRunsAgainOnceItsDayStarts(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        LocalDate today = Zones.today();
        LocalDate yesterday = today.minusDays(1);
        String accounts = "--accounts=" + ALICE + "," + BOB;
        // Alice's day starts at 20:00 (a glob, listed first, wins over the exact name): her today began
        // yesterday evening. Bob's starts at the default, 06:00: this morning.
        ws.write("config.json", config("06:00", """
                {"*@example.com": {"dayStartsAt": "20:00"}, "alice@example.com": {"dayStartsAt": "01:00"},
                 "*@nowhere.invalid": {"timezone": "Asia/Tokyo"}}"""));

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", accounts, "--run=1").run();
        assertCleanExit(first);
        assertEquals(2 * ResumeIT.PER_ACCOUNT.size() + 1, first.ran().size(), first::describe);
        assertEquals(ResumeIT.DAILY_SET, StateFile.read(ws.stateFile(ALICE, "daily-set", yesterday)).completed());
        assertEquals(yesterday.toString(), StateFile.read(ws.stateFile(ALICE, "daily-set", yesterday)).text("date"));
        assertFalse(Files.exists(ws.stateFile(ALICE, "daily-set", today)), "alice's today is yesterday's date");
        assertEquals(ResumeIT.DAILY_SET, StateFile.read(ws.stateFile(BOB, "daily-set", today)).completed());
        assertFalse(Files.exists(ws.stateFile(BOB, "daily-set", yesterday)));

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", accounts, "--run=2").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), () -> "the same account days: everything is skipped\n"
                + second.describe());

        // Alice's day now starts at 06:00 too: for her, the boundary has passed and a new day began.
        ws.write("config.json", config("06:00", null));
        Result third = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", accounts, "--run=3").run();
        assertCleanExit(third);
        assertEquals(ResumeIT.PER_ACCOUNT.size(), third.ran().size(), third::describe);
        assertTrue(third.ran().stream().allMatch(line -> line.startsWith(ALICE + " ")),
                () -> "only alice runs again; bob's day is the same\n" + third.describe());
        assertEquals(ResumeIT.DAILY_SET, StateFile.read(ws.stateFile(ALICE, "daily-set", today)).completed());
        assertEquals(ResumeIT.DAILY_SET, StateFile.read(ws.stateFile(ALICE, "daily-set", yesterday)).completed(),
                "her previous day is left as it was");
    }
}
