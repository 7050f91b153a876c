package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.store.postgres.TcpProxy;
import dev.jobstate.core.store.postgres.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bot reaches PostgreSQL through a {@link TcpProxy} that the test cuts in the middle of the run
 * and restores while the bot still has work to do: the bot finishes as if nothing happened, the
 * completions made during the cut are in the machine's local state files, every completion is in
 * the database once the connection is back, and the agent says so twice, once each way.
 *
 * <p>No timing guesses: the bot pauses before its 11th call until the test has cut the connection,
 * and before its 21st until the test has restored it, so calls 11 to 20 are exactly the ones made
 * during the cut; 20 calls still follow the restore, so the store meets the database again while
 * it works. At the end it holds (still running) until the test has seen every row, since a store
 * may merge in the background.
 */
class ConnectionCutIT {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String ACCOUNT = "cut@example.com";
    static final int IDS = 40;
    static final int CUT_AT = 10;
    static final int RESTORE_AT = 20;

    /**
     * How the agent's two lines are told apart: both name PostgreSQL; the first says it is gone, the
     * second that it is back. Loose on purpose, so the store's wording can change.
     */
    static final Pattern GONE = Pattern.compile("cannot|can't|unreachable|lost|down|unavailable|failed|gone");
    static final Pattern BACK = Pattern.compile("\\bback\\b|reachable again|restored|reconnected|returned|again");

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aBotWhoseDatabaseIsCutFinishesAndEveryCompletionReachesTheDatabaseWhenItReturns(Jdk jdk, TestInfo test) {
        String schema = db.schema("cut_" + jdk.feature());
        Workspace ws = Workspace.fresh(test, jdk);
        Path effects = ws.path("effects.log");
        Path signals = ws.path("signals");
        Set<String> all = keys(0, IDS);
        Set<String> duringCut = keys(CUT_AT, RESTORE_AT);

        Result result;
        Path home;
        try (TcpProxy proxy = TcpProxy.start(db.host(), db.port())) {
            home = Pg.machine(ws, "w1", db.urlVia(proxy.port()), schema);
            try (ChildJvm.Running bot = ChildJvm.on(jdk, home).main("bots.PgBot", "--accounts=" + ACCOUNT,
                    "--ids=0-" + IDS, "--sleep-ms=100", "--worker=w1", "--effects=" + effects,
                    "--signals=" + signals, "--pause-at=" + CUT_AT + "," + RESTORE_AT, "--hold").start()) {
                Duration limit = ChildJvm.DEFAULT_TIMEOUT;
                Pg.awaitLine(bot, "PAUSED " + CUT_AT, limit);
                assertEquals(keys(0, CUT_AT), completedKeys(schema), "before the cut, completions go to the database");

                proxy.cut();
                Pg.touch(signals.resolve("resume-" + CUT_AT));
                Pg.awaitLine(bot, "PAUSED " + RESTORE_AT, limit);

                proxy.restore();
                Pg.touch(signals.resolve("resume-" + RESTORE_AT));
                Pg.awaitLine(bot, "HOLDING", limit);
                try {
                    Pg.await(() -> completedKeys(schema), all::equals, Duration.ofSeconds(60),
                            () -> "every completion in the database once the connection is back");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + missing(schema, all, home) + "\n"
                            + bot.kill().describe(), e);
                }

                Pg.touch(signals.resolve("release"));
                result = bot.await(limit);
            }
        }

        // The bot's own work and output are untouched.
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("DONE"), result::describe);
        Map<String, String> acked = result.acked();
        assertEquals(IDS, acked.size(), result::describe);
        acked.values().forEach(value -> assertEquals("w1", value, result::describe));
        assertEquals(IDS, result.ran().size(), () -> "every activity ran once\n" + result.describe());
        Pg.effects(effects).forEach((key, workers) -> assertEquals(List.of("w1"), workers, key));

        // Every row completed by w1 with its result, those of the cut included (merged with their results).
        Map<String, Pg.Row> rows = Pg.rows(db, schema);
        assertEquals(all, rows.keySet());
        for (Pg.Row row : rows.values()) {
            assertEquals("completed", row.status(), row::toString);
            assertEquals("w1", row.worker(), row::toString);
            assertEquals(Pg.jsonString("w1"), row.result(), row::toString);
        }

        // The completions made during the cut went to the local file store, as ordinary day files.
        Path dayFile = home.resolve("state").resolve(ACCOUNT).resolve(Pg.TYPE + "-" + Zones.today() + ".json");
        StateFile local = StateFile.read(dayFile);
        Set<String> localKeys = local.completed().stream().map(id -> ACCOUNT + "/" + id).collect(Collectors.toSet());
        assertTrue(localKeys.containsAll(duringCut), () -> "the cut's completions are in " + local);
        for (String key : duringCut) {
            String id = key.substring(key.indexOf('/') + 1);
            assertEquals("w1", local.result(id).asText(), local::toString);
        }

        // Two lines, one each way, both the agent's and naming PostgreSQL; nothing else on stderr.
        List<String> stderr = result.stderr();
        assertEquals(2, stderr.size(), () -> "one line when the database goes, one when it returns\n"
                + result.describe());
        for (String line : stderr) {
            assertTrue(line.startsWith(Result.OURS) && line.toLowerCase(Locale.ROOT).contains("postgres"),
                    () -> "not the agent's line about PostgreSQL: " + line);
        }
        String gone = stderr.get(0).toLowerCase(Locale.ROOT);
        String back = stderr.get(1).toLowerCase(Locale.ROOT);
        assertTrue(GONE.matcher(gone).find(), () -> "the first line says the database is gone: " + stderr.get(0));
        assertTrue(BACK.matcher(back).find(), () -> "the second line says it is back: " + stderr.get(1));
        System.out.printf("connection cut %s: stderr %s%n", jdk, stderr);
    }

    /** For a failure: the rows of the activities not completed in the database, and the local day file. */
    private static String missing(String schema, Set<String> all, Path home) {
        Map<String, Pg.Row> rows = Pg.rows(db, schema);
        StringBuilder text = new StringBuilder("not completed in the database:");
        for (String key : all) {
            Pg.Row row = rows.get(key);
            if (row == null || !"completed".equals(row.status())) {
                text.append("\n  ").append(key).append(": ").append(row == null ? "no row" : row);
            }
        }
        Path dayFile = home.resolve("state").resolve(ACCOUNT).resolve(Pg.TYPE + "-" + Zones.today() + ".json");
        text.append("\nlocal day file: ").append(Files.exists(dayFile) ? StateFile.read(dayFile) : "none");
        return text.toString();
    }

    private static Set<String> completedKeys(String schema) {
        return Pg.rows(db, schema).values().stream().filter(r -> "completed".equals(r.status()))
                .map(Pg.Row::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(id -> ACCOUNT + "/item-" + id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
