package dev.jobstate.agent.it;

import static dev.jobstate.agent.it.ResumeIT.assertCleanExit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** State that cannot be trusted or cannot be kept: the host never pays for it. */
class BadStateIT {

    static final String ALICE = "alice@example.com";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aCorruptStateFileIsKeptAsideByteForByteWithOneWarningAndItsDayStartsAfresh(Jdk jdk, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        Path daily = ws.stateFile(ALICE, "daily-set");
        Path search = ws.stateFile(ALICE, "desktop-search");
        // A file cut off mid-write by a tool that does not write atomically, with junk after it...
        byte[] truncated = ("{\n  \"date\": \"" + Zones.today() + "\",\n  \"completed\": [\"check-in\", \"quiz-q1\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] torn = new byte[truncated.length + 5];
        System.arraycopy(truncated, 0, torn, 0, truncated.length);
        System.arraycopy(new byte[] {0, (byte) 0xff, 0, 0x1b, 0}, 0, torn, truncated.length, 5);
        // ...and one that is JSON but not a state file: completed must be a list.
        byte[] wrongShape = "{\"completed\": \"search-1\", \"remaining\": []}".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(daily.getParent());
        Files.write(daily, torn);
        Files.write(search, wrongShape);

        Result result = ChildJvm.on(jdk, ws.dir).run();
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of(), result.foreignStderr(), result::describe);
        assertEquals(2, result.stderr().size(), () -> "one warning per bad file\n" + result.describe());
        assertTrue(result.ran().containsAll(List.of(ALICE + " check-in", ALICE + " quiz-q1", ALICE + " search-1")),
                () -> "nothing is skipped on the word of a file that cannot be read\n" + result.describe());
        for (Map.Entry<Path, byte[]> bad : Map.of(daily, torn, search, wrongShape).entrySet()) {
            String name = bad.getKey().getFileName().toString();
            List<String> warnings = result.stderr().stream().filter(l -> l.contains(name)).toList();
            assertEquals(1, warnings.size(), () -> "one line names " + name + "\n" + result.describe());
            assertTrue(warnings.get(0).startsWith(Result.OURS + "WARN "), warnings.get(0));
            List<Path> aside = Workspace.filesEndingWith(bad.getKey().getParent(), "").stream()
                    .filter(p -> p.getFileName().toString().startsWith(name + ".corrupt-")).toList();
            assertEquals(1, aside.size(), () -> "kept aside as " + name + ".corrupt-<time>: " + ws.tree());
            assertTrue(warnings.get(0).contains(aside.get(0).getFileName().toString()), "the warning says where it went");
            assertArrayEquals(bad.getValue(), Files.readAllBytes(aside.get(0)), "kept byte for byte");
        }
        assertEquals(ResumeIT.DAILY_SET, StateFile.read(daily).completed(), "the day started afresh and is complete");
        assertEquals(List.of("search-1", "search-2"), StateFile.read(search).completed());

        Result again = ChildJvm.on(jdk, ws.dir).run();
        assertCleanExit(again);
        assertEquals(List.of(), again.ran(), again::describe);
        assertEquals(2, Workspace.filesEndingWith(ws.stateDir(), "").stream()
                .filter(p -> p.getFileName().toString().contains(".corrupt-")).count(), "no new corrupt files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aStateDirThatCannotBeCreatedIsOneWarningAndEveryActivityStillRuns(Jdk jdk, TestInfo test) throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        // Tests run as root, so permissions would not stop the agent; a regular file in the way does.
        Path blocker = ws.write("blocker", "a regular file where the state folder's parent should be\n");
        ws.write("config.json", "{\"jobState\": {\"dir\": \"blocker/state\"}}");

        for (int run = 1; run <= 2; run++) {
            Result result = ChildJvm.on(jdk, ws.dir).main("bots.RewardsBot", "--accounts=" + ALICE + ",bob@example.com",
                    "--run=" + run).run();
            assertEquals(0, result.exitCode(), result::describe);
            assertTrue(result.stdout().contains("DONE"), result::describe);
            assertEquals(2 * ResumeIT.PER_ACCOUNT.size() + 1, result.ran().size(),
                    () -> "every activity runs, every time\n" + result.describe());
            assertEquals(String.valueOf(100 + run), result.acked().get(ALICE + " check-in"));
            assertEquals(1, result.stderr().size(), () -> "one warning, not one per call\n" + result.describe());
            assertTrue(result.stderr().get(0).startsWith(Result.OURS + "WARN "), result::describe);
            assertTrue(result.stderr().get(0).contains(ws.path("blocker/state").toString()), result::describe);
        }
        assertEquals(Set.of(Path.of("blocker"), Path.of("config.json")), Set.copyOf(ws.tree()));
        assertEquals("a regular file where the state folder's parent should be\n", Files.readString(blocker));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void hostileAccountNamesStayInsideTheStateDirEachInItsOwnFolderAndStillSkip(Jdk jdk, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        Path outsideSibling = ws.dir.getParent().resolve("x");
        List<Path> absolute = List.of(Path.of("/etc/jobstate-it-x"), Path.of("/tmp/jobstate-it-x"));
        assertFalse(Files.exists(outsideSibling, LinkOption.NOFOLLOW_LINKS));
        for (Path path : absolute) {
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), path + " must not exist before the test");
        }

        Result first = ChildJvm.on(jdk, ws.dir).main("bots.HostileAccountsBot").run();
        assertCleanExit(first);
        Map<Integer, String> accounts = accounts(first);
        assertEquals(2 * accounts.size(), first.ran().size(), first::describe);

        for (Path path : ws.tree()) {
            assertTrue(path.startsWith(Path.of("sessions", "job-state")) || path.equals(Path.of("sessions")),
                    () -> path + " is outside the state folder");
            assertTrue(path.getNameCount() <= 4, () -> path + " is deeper than <state>/<account>/<file>");
        }
        assertFalse(Files.exists(outsideSibling, LinkOption.NOFOLLOW_LINKS));
        for (Path path : absolute) {
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), path + " was created");
        }

        List<String> folders = ResumeIT.folders(ws.stateDir());
        assertEquals(accounts.size(), folders.size(), () -> "one folder per account: " + folders);
        Set<String> seen = new HashSet<>();
        for (String folder : folders) {
            assertFalse(folder.equals(".") || folder.equals("..") || folder.startsWith("."), folder);
            Path dir = ws.stateDir().resolve(folder);
            StateFile visit = StateFile.read(dir.resolve("daily-set-" + Zones.today() + ".json"));
            assertEquals(List.of("visit"), visit.completed());
            String account = visit.text("account");
            assertTrue(accounts.containsValue(account), () -> "folder " + folder + " holds an unknown account " + account);
            assertTrue(seen.add(account), () -> "two folders hold " + account);
            List<Path> typeFiles = Workspace.filesEndingWith(dir, ".json").stream()
                    .filter(p -> !p.getFileName().toString().startsWith("daily-set-")).toList();
            assertEquals(1, typeFiles.size(), () -> "the odd type's file, inside the account folder: " + typeFiles);
            assertEquals("../../type-escape", StateFile.read(typeFiles.get(0)).text("type"));
        }
        assertEquals(Set.copyOf(accounts.values()), seen);

        Result second = ChildJvm.on(jdk, ws.dir).main("bots.HostileAccountsBot").run();
        assertCleanExit(second);
        assertEquals(List.of(), second.ran(), () -> "every account's activities are skipped\n" + second.describe());
        assertEquals(first.acked(), second.acked());
    }

    /** The accounts the bot used, by index, from its {@code ACCOUNT <index> <hex>} lines. */
    private static Map<Integer, String> accounts(Result result) {
        Map<Integer, String> accounts = new LinkedHashMap<>();
        for (String line : result.lines("ACCOUNT")) {
            String[] parts = line.split(" ");
            accounts.put(Integer.parseInt(parts[0]),
                    new String(HexFormat.of().parseHex(parts[1]), StandardCharsets.UTF_8));
        }
        assertTrue(accounts.size() > 10 && accounts.containsValue("../../x") && accounts.containsValue("nul\0byte"),
                result::describe);
        return accounts;
    }
}
