package dev.jobstate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @TempDir
    Path workingDir;

    private ConfigLoader loader;

    @BeforeEach
    void setUp() {
        loader = new ConfigLoader(workingDir);
    }

    private Path write(String relative, String json) throws IOException {
        Path file = workingDir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static String withDefaultAccount(String account) {
        return "{\"jobState\":{\"defaultAccount\":\"" + account + "\"}}";
    }

    private ConfigException loadFails(String agentArgs, String systemProperty) {
        return assertThrows(ConfigException.class, () -> loader.load(agentArgs, systemProperty));
    }

    private ConfigException configFileFails(String json) throws IOException {
        write("config.json", json);
        return loadFails(null, null);
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' does not mention '" + part + "'");
        }
    }

    // --- lookup --------------------------------------------------------------------------------

    @Test
    void withoutAnyConfigFileTheDefaultsApply() throws ConfigException {
        JobStateConfig config = loader.load(null, null);

        assertTrue(config.enabled());
        assertEquals(workingDir.resolve("sessions/job-state"), config.stateDir());
        assertEquals(ZoneId.systemDefault(), config.zone());
        assertEquals("default", config.defaultAccount());
        assertEquals("defaults", config.source());
    }

    @Test
    void srcConfigJsonIsPreferredOverConfigJson() throws Exception {
        Path src = write("src/config.json", withDefaultAccount("from-src"));
        write("config.json", withDefaultAccount("from-root"));

        JobStateConfig config = loader.load(null, null);

        assertEquals("from-src", config.defaultAccount());
        assertEquals(src.toString(), config.source());
    }

    @Test
    void configJsonIsUsedWhenThereIsNoSrcConfigJson() throws Exception {
        write("config.json", withDefaultAccount("from-root"));

        assertEquals("from-root", loader.load(null, null).defaultAccount());
    }

    @Test
    void theSystemPropertyBeatsTheConventionalFiles() throws Exception {
        write("src/config.json", withDefaultAccount("from-src"));
        write("conf/prop.json", withDefaultAccount("from-property"));

        assertEquals("from-property", loader.load(null, "conf/prop.json").defaultAccount());
    }

    @Test
    void theAgentArgumentBeatsTheSystemProperty() throws Exception {
        write("src/config.json", withDefaultAccount("from-src"));
        write("conf/prop.json", withDefaultAccount("from-property"));
        write("conf/bot.json", withDefaultAccount("from-argument"));

        assertEquals("from-argument", loader.load("config=conf/bot.json", "conf/prop.json").defaultAccount());
    }

    @Test
    void anExplicitFileMayBeAbsolute() throws Exception {
        Path file = write("elsewhere/bot.json", withDefaultAccount("absolute"));

        assertEquals("absolute", loader.load("config=" + file.toAbsolutePath(), null).defaultAccount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankSystemPropertyIsIgnored(String blank) throws Exception {
        write("config.json", withDefaultAccount("from-root"));

        assertEquals("from-root", loader.load(null, blank).defaultAccount());
    }

    @Test
    void aMissingFileNamedByTheAgentArgumentIsAnErrorNamingIt() {
        ConfigException e = loadFails("config=conf/missing.json", null);

        assertMentions(e.getMessage(), workingDir.resolve("conf/missing.json").toString(), "does not exist");
    }

    @Test
    void aMissingFileNamedByTheSystemPropertyIsAnErrorNamingIt() throws IOException {
        write("config.json", withDefaultAccount("not used"));

        ConfigException e = loadFails(null, "nope.json");

        assertMentions(e.getMessage(), workingDir.resolve("nope.json").toString(), "does not exist");
    }

    @Test
    void aBrokenConventionalFileIsAnErrorNotASilentFallBack() throws IOException {
        Path src = write("src/config.json", "{ broken");
        write("config.json", withDefaultAccount("fallback"));

        ConfigException e = loadFails(null, null);

        assertMentions(e.getMessage(), src.toString());
    }

    @Test
    void aFolderNamedAsTheConfigFileIsAnErrorNamingIt() throws IOException {
        Files.createDirectories(workingDir.resolve("conf.json"));

        ConfigException e = loadFails("config=conf.json", null);

        assertMentions(e.getMessage(), workingDir.resolve("conf.json").toString(), "cannot be read");
    }

    // --- keys ----------------------------------------------------------------------------------

    @Test
    void readsEveryKey() throws Exception {
        write("config.json", """
                {
                  "sessionPath": "data/sessions",
                  "jobState": {
                    "enabled": false,
                    "dir": "state",
                    "timezone": "Asia/Tokyo",
                    "defaultAccount": "main@example.com"
                  }
                }
                """);

        JobStateConfig config = loader.load(null, null);

        assertFalse(config.enabled());
        assertEquals(workingDir.resolve("state"), config.stateDir());
        assertEquals(ZoneId.of("Asia/Tokyo"), config.zone());
        assertEquals("main@example.com", config.defaultAccount());
    }

    @Test
    void theOriginalConfigExampleMeansEnabledInSessionsJobState() throws Exception {
        write("src/config.json", "{\n  \"jobState\": {\n    \"enabled\": true,\n    \"dir\": \"\"\n  }\n}\n");

        JobStateConfig config = loader.load(null, null);

        assertTrue(config.enabled());
        assertEquals(workingDir.resolve("sessions").resolve("job-state"), config.stateDir());
    }

    @Test
    void anEmptyDirMeansJobStateUnderTheSessionPath() throws Exception {
        write("config.json", "{\"sessionPath\":\"my-sessions\",\"jobState\":{\"dir\":\"\"}}");

        assertEquals(workingDir.resolve("my-sessions/job-state"), loader.load(null, null).stateDir());
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirNotTheConfigFilesFolder() throws Exception {
        write("conf/bot.json", "{\"jobState\":{\"dir\":\"./state/../job-state\"}}");

        JobStateConfig config = loader.load("config=conf/bot.json", null);

        assertEquals(workingDir.resolve("job-state"), config.stateDir());
    }

    @Test
    void anAbsoluteDirIsKept() throws Exception {
        Path elsewhere = workingDir.resolve("x").resolve("abs-state").toAbsolutePath();
        write("config.json", "{\"jobState\":{\"dir\":" + quoted(elsewhere.toString()) + "}}");

        assertEquals(elsewhere, loader.load(null, null).stateDir());
    }

    @Test
    void theStateDirIsAbsoluteEvenForARelativeWorkingDir() throws ConfigException {
        Path relative = Path.of("").toAbsolutePath().relativize(workingDir.toAbsolutePath());

        JobStateConfig config = new ConfigLoader(relative).load(null, null);

        assertTrue(config.stateDir().isAbsolute(), config.stateDir().toString());
        assertEquals(workingDir.toAbsolutePath().resolve("sessions/job-state"), config.stateDir());
    }

    @Test
    void unknownKeysOfTheBotsOwnConfigAreIgnored() throws Exception {
        write("config.json", """
                {"baseURL": "https://example.com", "headless": true, "clusters": 2,
                 "accounts": [{"email": "a@b.c"}],
                 "jobState": {"enabled": true, "retention": 7, "comment": ["x"]}}
                """);

        JobStateConfig config = loader.load(null, null);

        assertTrue(config.enabled());
        assertEquals("default", config.defaultAccount());
    }

    @Test
    void nullValuesMeanTheDefaults() throws Exception {
        write("config.json", "{\"sessionPath\":null,\"jobState\":{\"enabled\":null,\"dir\":null,"
                + "\"timezone\":null,\"defaultAccount\":null}}");

        JobStateConfig config = loader.load(null, null);

        assertTrue(config.enabled());
        assertEquals(workingDir.resolve("sessions/job-state"), config.stateDir());
        assertEquals(ZoneId.systemDefault(), config.zone());
        assertEquals("default", config.defaultAccount());
    }

    @Test
    void aNullJobStateSectionMeansTheDefaults() throws Exception {
        write("config.json", "{\"jobState\":null}");

        assertTrue(loader.load(null, null).enabled());
    }

    @Test
    void blankTimezoneAndDefaultAccountMeanTheDefaults() throws Exception {
        write("config.json", "{\"jobState\":{\"timezone\":\" \",\"defaultAccount\":\"  \"}}");

        JobStateConfig config = loader.load(null, null);

        assertEquals(ZoneId.systemDefault(), config.zone());
        assertEquals("default", config.defaultAccount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Paris", "America/New_York", "+02:00", " Asia/Tokyo "})
    void acceptsZoneIds(String zone) throws Exception {
        write("config.json", "{\"jobState\":{\"timezone\":\"" + zone + "\"}}");

        assertEquals(ZoneId.of(zone.strip()), loader.load(null, null).zone());
    }

    // --- errors --------------------------------------------------------------------------------

    @Test
    void aBadTimezoneIsAnErrorNamingTheFileTheKeyAndTheValue() throws IOException {
        ConfigException e = configFileFails("{\"jobState\":{\"timezone\":\"Mars/Olympus\"}}");

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(), "jobState.timezone",
                "Mars/Olympus");
    }

    @Test
    void malformedJsonIsAnErrorNamingTheFileAndWhere() throws IOException {
        ConfigException e = configFileFails("{\n  \"jobState\": {\"enabled\": true,}\n}");

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(), "not valid JSON", "line 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"config\"", "42"})
    void aFileThatIsNotAJsonObjectIsAnErrorNamingIt(String json) throws IOException {
        ConfigException e = configFileFails(json);

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"jobState\":{\"enabled\":\"yes\"}}|jobState.enabled",
        "{\"jobState\":{\"enabled\":1}}|jobState.enabled",
        "{\"sessionPath\":5}|sessionPath",
        "{\"jobState\":{\"dir\":true}}|jobState.dir",
        "{\"jobState\":{\"timezone\":3}}|jobState.timezone",
        "{\"jobState\":{\"defaultAccount\":[\"a\"]}}|jobState.defaultAccount",
        "{\"jobState\":\"on\"}|jobState",
        "{\"jobState\":[]}|jobState",
    })
    void aKeyOfTheWrongTypeIsAnErrorNamingTheFileAndTheKey(String json, String key) throws IOException {
        ConfigException e = configFileFails(json);

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(), "\"" + key + "\"");
    }

    // --- each account's own day ----------------------------------------------------------------

    @Test
    void readsTheDayStartAndTheAccountRulesInTheOrderListed() throws Exception {
        write("config.json", """
                {
                  "jobState": {
                    "timezone": "UTC",
                    "dayStartsAt": "04:30",
                    "accounts": {
                      "alice@contoso.com": {"dayStartsAt": "06:00"},
                      "*@contoso.com": {"timezone": "Asia/Tokyo", "dayStartsAt": "00:00"},
                      "bob": {"timezone": "Europe/Paris"},
                      "nobody-*": {}
                    }
                  }
                }
                """);

        JobStateConfig config = loader.load(null, null);

        assertEquals(LocalTime.of(4, 30), config.dayStartsAt());
        assertEquals(List.of(
                new AccountRule("alice@contoso.com", null, LocalTime.of(6, 0)),
                new AccountRule("*@contoso.com", ZoneId.of("Asia/Tokyo"), LocalTime.MIDNIGHT),
                new AccountRule("bob", ZoneId.of("Europe/Paris"), null),
                new AccountRule("nobody-*", null, null)), config.accounts());
    }

    @Test
    void withoutTheKeysEveryDayStartsAtMidnightAndNoAccountHasARule() throws Exception {
        write("config.json", "{\"jobState\":{\"dayStartsAt\":null,\"accounts\":null}}");

        JobStateConfig config = loader.load(null, null);

        assertEquals(LocalTime.MIDNIGHT, config.dayStartsAt());
        assertEquals(List.of(), config.accounts());
        assertEquals(LocalTime.MIDNIGHT, JobStateConfig.defaults(workingDir).dayStartsAt());
        assertEquals(List.of(), JobStateConfig.defaults(workingDir).accounts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00", "04:00", "23:59", " 12:05 "})
    void acceptsTimesOfDay(String time) throws Exception {
        write("config.json", "{\"jobState\":{\"dayStartsAt\":\"" + time + "\"}}");

        assertEquals(LocalTime.parse(time.strip()), loader.load(null, null).dayStartsAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "4:00", "04:60", "04:00:00", "0400", "", "noon", "-01:00", "04:00 PM"})
    void aMalformedDayStartIsAnErrorNamingTheKeyAndTheValue(String time) throws IOException {
        ConfigException e = configFileFails("{\"jobState\":{\"dayStartsAt\":\"" + time + "\"}}");

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(), "\"jobState.dayStartsAt\"",
                "\"" + time + "\"", "HH:MM");
    }

    @Test
    void anUnknownZoneOfAnAccountIsAnErrorNamingItsKey() throws IOException {
        ConfigException e = configFileFails(
                "{\"jobState\":{\"accounts\":{\"*@contoso.com\":{\"timezone\":\"Mars/Olympus\"}}}}");

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(),
                "jobState.accounts.\"*@contoso.com\".timezone", "Mars/Olympus");
    }

    @Test
    void aMalformedDayStartOfAnAccountIsAnErrorNamingItsKey() throws IOException {
        ConfigException e = configFileFails(
                "{\"jobState\":{\"accounts\":{\"alice\":{\"timezone\":\"UTC\"},\"bob\":{\"dayStartsAt\":\"25:00\"}}}}");

        assertMentions(e.getMessage(), "jobState.accounts.\"bob\".dayStartsAt", "25:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"jobState\":{\"dayStartsAt\":4}}|\"jobState.dayStartsAt\"",
        "{\"jobState\":{\"accounts\":[\"a\"]}}|\"jobState.accounts\"",
        "{\"jobState\":{\"accounts\":\"a\"}}|\"jobState.accounts\"",
        "{\"jobState\":{\"accounts\":{\"a\":\"UTC\"}}}|jobState.accounts.\"a\"",
        "{\"jobState\":{\"accounts\":{\"a\":{\"timezone\":1}}}}|jobState.accounts.\"a\".timezone",
        "{\"jobState\":{\"accounts\":{\"a\":{\"dayStartsAt\":400}}}}|jobState.accounts.\"a\".dayStartsAt",
    })
    void anAccountsKeyOfTheWrongShapeIsAnErrorNamingIt(String json, String key) throws IOException {
        ConfigException e = configFileFails(json);

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(), key);
    }

    // --- quarantine ----------------------------------------------------------------------------

    @Test
    void readsTheQuarantinesFailuresPerDay() throws Exception {
        write("config.json", "{\"jobState\":{\"quarantine\":{\"failuresPerDay\":5}}}");

        assertEquals(5, loader.load(null, null).quarantineFailuresPerDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"jobState\":{}}", "{\"jobState\":{\"quarantine\":null}}",
        "{\"jobState\":{\"quarantine\":{}}}", "{\"jobState\":{\"quarantine\":{\"failuresPerDay\":null}}}",
        "{\"jobState\":{\"quarantine\":{\"failuresPerDay\":0}}}"})
    void withoutAFailuresPerDayThereIsNoQuarantine(String json) throws Exception {
        write("config.json", json);

        assertEquals(0, loader.load(null, null).quarantineFailuresPerDay());
        assertEquals(0, JobStateConfig.defaults(workingDir).quarantineFailuresPerDay());
    }

    @Test
    void theLargestFailuresPerDayIsAMillion() throws Exception {
        write("config.json", "{\"jobState\":{\"quarantine\":{\"failuresPerDay\":1000000}}}");

        assertEquals(1_000_000, loader.load(null, null).quarantineFailuresPerDay());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "\"5\"", "2.5", "true", "1000001", "99999999999", "[3]", "{}"})
    void aFailuresPerDayThatIsNotAWholeNumberInRangeIsAnErrorNamingTheKey(String value) throws IOException {
        ConfigException e = configFileFails("{\"jobState\":{\"quarantine\":{\"failuresPerDay\":" + value + "}}}");

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(),
                "\"jobState.quarantine.failuresPerDay\"", "0 to 1000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "\"5\"", "true", "[5]"})
    void aQuarantineThatIsNotAnObjectIsAnErrorNamingTheKey(String value) throws IOException {
        ConfigException e = configFileFails("{\"jobState\":{\"quarantine\":" + value + "}}");

        assertMentions(e.getMessage(), workingDir.resolve("config.json").toString(), "\"jobState.quarantine\"",
                "failuresPerDay");
    }

    // --- agent arguments -----------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void noAgentArgumentsAreFine(String args) throws ConfigException {
        assertEquals(Map.of(), ConfigLoader.parseAgentArgs(args));
    }

    @Test
    void theConfigAgentArgumentIsRead() throws ConfigException {
        assertEquals(Map.of("config", "conf/bot.json"), ConfigLoader.parseAgentArgs("config=conf/bot.json"));
    }

    @Test
    void aConfigPathAroundWhitespaceIsStripped() throws Exception {
        write("conf/bot.json", withDefaultAccount("spaced"));

        assertEquals("spaced", loader.load(" config = conf/bot.json ", null).defaultAccount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"debug", "config", "config=", "config=  ", "foo=bar", "config=a.json,verbose=true",
        "Config=a.json"})
    void anAgentArgumentThatIsNotUnderstoodIsAnErrorQuotingIt(String args) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(args, null));

        assertMentions(e.getMessage(), "is not understood", "config=<path");
    }

    // --- store ---------------------------------------------------------------------------------

    @Test
    void theFileStoreIsTheDefaultAndNeedsNoWorkerName() throws Exception {
        write("config.json", "{}");

        JobStateConfig config = loader.load(null, null);

        assertFalse(config.usesPostgres());
        assertNull(config.worker());
    }

    @Test
    void readsThePostgresSettings() throws Exception {
        write("config.json", "{\"jobState\":{\"store\":\"postgres\",\"worker\":\"farm-7\",\"postgres\":{"
                + "\"url\":\"jdbc:postgresql://db:5432/bots\",\"user\":\"bot\",\"password\":\"s3cret\","
                + "\"schema\":\"farm\",\"poolSize\":8,\"leaseSeconds\":20,\"leaseWaitSeconds\":90}}}");

        JobStateConfig config = loader.load(null, null);

        PostgresSettings postgres = config.postgres();
        assertEquals("jdbc:postgresql://db:5432/bots", postgres.url());
        assertEquals("bot", postgres.user());
        assertEquals("s3cret", postgres.password());
        assertEquals("farm", postgres.schema());
        assertEquals(8, postgres.poolSize());
        assertEquals(Duration.ofSeconds(20), postgres.lease());
        assertEquals(Duration.ofSeconds(90), postgres.leaseWait());
        assertEquals("farm-7", config.worker());
        assertFalse(postgres.toString().contains("s3cret"), "settings are logged: the password must not be");
    }

    @Test
    void postgresDefaultsAndThePasswordFromTheEnvironment() throws Exception {
        write("config.json", "{\"jobState\":{\"store\":\"postgres\",\"postgres\":{\"url\":\"jdbc:postgresql://db/bots\"}}}");
        ConfigLoader withPassword = new ConfigLoader(workingDir,
                name -> name.equals(PostgresSettings.PASSWORD_VARIABLE) ? "from-env" : null);

        JobStateConfig config = withPassword.load(null, null);

        assertEquals("from-env", config.postgres().password());
        assertEquals(PostgresSettings.DEFAULT_SCHEMA, config.postgres().schema());
        assertEquals(PostgresSettings.DEFAULT_POOL_SIZE, config.postgres().poolSize());
        assertEquals(PostgresSettings.DEFAULT_LEASE, config.postgres().lease());
        assertEquals(JobStateConfig.defaultWorker(), config.worker());
        assertTrue(config.worker().endsWith(":" + ProcessHandle.current().pid()), config.worker());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jobState\":{\"store\":\"redis\"}}|must be \"file\" or \"postgres\"",
        "{\"jobState\":{\"store\":\"postgres\"}}|jobState.postgres",
        "{\"jobState\":{\"store\":\"postgres\",\"postgres\":{\"url\":\"postgres://db/x\"}}}|JDBC URL",
        "{\"jobState\":{\"store\":\"postgres\",\"postgres\":{\"url\":\"jdbc:postgresql://db/x\",\"schema\":\"a;drop\"}}}|schema",
        "{\"jobState\":{\"store\":\"postgres\",\"postgres\":{\"url\":\"jdbc:postgresql://db/x\",\"poolSize\":0}}}|poolSize",
        "{\"jobState\":{\"store\":\"postgres\",\"postgres\":{\"url\":\"jdbc:postgresql://db/x\",\"leaseSeconds\":\"5\"}}}|leaseSeconds"})
    void aMisconfiguredStoreIsAnErrorNamingTheKey(String caseText) throws IOException {
        String[] parts = caseText.split("\\|");

        assertMentions(configFileFails(parts[0]).getMessage(), parts[1]);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
