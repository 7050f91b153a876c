package dev.jobstate.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds and reads the bot's config file. It is the bot's own file, so keys other than ours are
 * ignored.
 *
 * <p>Lookup, first match wins: the agent argument {@code config=<path>}, the system property
 * {@code jobstate.config}, {@code src/config.json}, {@code config.json}, else defaults. A file named
 * explicitly (by argument or property) must exist; the two conventional ones are used only if they
 * do.
 */
public final class ConfigLoader {

    public static final String SYSTEM_PROPERTY = "jobstate.config";
    private static final List<String> CONVENTIONAL = List.of("src/config.json", "config.json");
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private final Path workingDir;
    private final Function<String, String> environment;

    public ConfigLoader(Path workingDir) {
        this(workingDir, System::getenv);
    }

    /** @param environment the process environment, for tests */
    ConfigLoader(Path workingDir, Function<String, String> environment) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
        this.environment = environment;
    }

    /**
     * Loads the settings.
     *
     * @param agentArgs the text after {@code -javaagent:jobstate.jar=}, or null
     * @param systemProperty the value of {@code jobstate.config}, or null
     * @throws ConfigException when the file named or found cannot be used
     */
    public JobStateConfig load(String agentArgs, String systemProperty) throws ConfigException {
        Map<String, String> args = parseAgentArgs(agentArgs);
        String named = args.get("config");
        if (named == null && systemProperty != null && !systemProperty.isBlank()) {
            named = systemProperty;
        }
        if (named != null) {
            return read(workingDir.resolve(named.strip()));
        }
        for (String candidate : CONVENTIONAL) {
            Path file = workingDir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return read(file);
            }
        }
        return JobStateConfig.defaults(workingDir);
    }

    /** {@code key=value} pairs separated by commas; an unknown key is an error, not a guess. */
    static Map<String, String> parseAgentArgs(String agentArgs) throws ConfigException {
        Map<String, String> args = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return args;
        }
        for (String pair : agentArgs.split(",")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
            if (!key.equals("config") || eq < 0 || pair.substring(eq + 1).isBlank()) {
                throw new ConfigException("agent argument '" + pair + "' is not understood;"
                        + " the only one is config=<path to the bot's config file>");
            }
            args.put(key, pair.substring(eq + 1));
        }
        return args;
    }

    JobStateConfig read(Path file) throws ConfigException {
        Object root;
        try {
            root = ConfigJson.parse(Files.readAllBytes(file)); // what follows the object is ignored
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (ConfigJson.Malformed e) {
            throw new ConfigException("config file " + file + " is not valid JSON: " + e.getMessage()
                    + " (line " + e.line + ", column " + e.column + ")");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e, e);
        }
        if (!(root instanceof Map)) {
            throw new ConfigException("config file " + file + " must hold a JSON object");
        }
        return interpret(root, file);
    }

    private JobStateConfig interpret(Object root, Path file) throws ConfigException {
        String where = "config file " + file + ": ";
        String sessionPath = text(root, "sessionPath", "sessionPath", where)
                .orElse(JobStateConfig.DEFAULT_SESSION_PATH);
        Object section = ConfigJson.field(root, "jobState");
        if (isPresent(section) && !(section instanceof Map)) {
            throw new ConfigException(where + "\"jobState\" must be an object");
        }
        boolean enabled = true;
        Object enabledNode = ConfigJson.field(section, "enabled");
        if (isPresent(enabledNode)) {
            if (!(enabledNode instanceof Boolean value)) {
                throw new ConfigException(where + "\"jobState.enabled\" must be true or false, not "
                        + ConfigJson.toJson(enabledNode));
            }
            enabled = value;
        }
        String dir = text(section, "dir", "jobState.dir", where).orElse("");
        Path stateDir = dir.isBlank()
                ? workingDir.resolve(sessionPath).resolve("job-state")
                : workingDir.resolve(dir);
        ZoneId zone = zone(section, "jobState.timezone", where).orElseGet(ZoneId::systemDefault);
        LocalTime dayStartsAt = timeOfDay(section, "jobState.dayStartsAt", where).orElse(LocalTime.MIDNIGHT);
        List<AccountRule> accounts = accountRules(ConfigJson.field(section, "accounts"), where);
        String defaultAccount = text(section, "defaultAccount", "jobState.defaultAccount", where)
                .filter(s -> !s.isBlank())
                .orElse(JobStateConfig.DEFAULT_ACCOUNT);
        String store = text(section, "store", "jobState.store", where).map(String::strip).orElse("file");
        PostgresSettings postgres;
        switch (store) {
            case "file" -> postgres = null;
            case "postgres" -> postgres = postgres(ConfigJson.field(section, "postgres"), where);
            default -> throw new ConfigException(where + "\"jobState.store\" must be \"file\" or \"postgres\", not \""
                    + store + "\"");
        }
        String worker = text(section, "worker", "jobState.worker", where).map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(null);
        if (worker == null && postgres != null) {
            worker = JobStateConfig.defaultWorker();
        }
        Object quarantine = ConfigJson.field(section, "quarantine");
        if (isPresent(quarantine) && !(quarantine instanceof Map)) {
            throw new ConfigException(where + "\"jobState.quarantine\" must be an object such as"
                    + " {\"failuresPerDay\": 5}, not " + ConfigJson.toJson(quarantine));
        }
        int failuresPerDay = number(quarantine, "failuresPerDay", "jobState.quarantine.failuresPerDay", where, 0,
                1_000_000).orElse(0);
        return new JobStateConfig(enabled, stateDir.toAbsolutePath().normalize(), zone,
                defaultAccount, file.toString(), postgres, worker, dayStartsAt, accounts, failuresPerDay);
    }

    /** {@code jobState.accounts}: an object, each key an account or a glob, in the order listed. */
    private static List<AccountRule> accountRules(Object accounts, String where) throws ConfigException {
        if (!isPresent(accounts)) {
            return List.of();
        }
        if (!(accounts instanceof Map<?, ?> byAccount)) {
            throw new ConfigException(where + "\"jobState.accounts\" must be an object from an account name or a"
                    + " glob (\"*@contoso.com\") to {\"timezone\": ..., \"dayStartsAt\": ...}, not "
                    + ConfigJson.toJson(accounts));
        }
        List<AccountRule> rules = new ArrayList<>();
        for (Map.Entry<?, ?> entry : byAccount.entrySet()) {
            String key = (String) entry.getKey();
            String name = "jobState.accounts.\"" + key + "\"";
            Object rule = entry.getValue();
            if (!(rule instanceof Map)) {
                throw new ConfigException(where + name + " must be an object such as"
                        + " {\"timezone\": \"Europe/Paris\", \"dayStartsAt\": \"04:00\"}, not "
                        + ConfigJson.toJson(rule));
            }
            rules.add(new AccountRule(key, zone(rule, name + ".timezone", where).orElse(null),
                    timeOfDay(rule, name + ".dayStartsAt", where).orElse(null)));
        }
        return List.copyOf(rules);
    }

    /** The field {@code name} ends with, as a zone id; absent or blank is empty. */
    private static Optional<ZoneId> zone(Object node, String name, String where) throws ConfigException {
        Optional<String> text = text(node, "timezone", name, where).filter(s -> !s.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(text.get().strip()));
        } catch (DateTimeException e) {
            throw new ConfigException(where + quoted(name) + " is not a time zone id: \""
                    + text.get() + "\" (use an IANA id such as \"Europe/Paris\" or \"UTC\")");
        }
    }

    /** {@code dayStartsAt}: "HH:MM", 00:00 to 23:59; absent is empty. */
    private static Optional<LocalTime> timeOfDay(Object node, String name, String where) throws ConfigException {
        Optional<String> text = text(node, "dayStartsAt", name, where);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().strip();
        if (!TIME_OF_DAY.matcher(value).matches()) {
            throw new ConfigException(where + quoted(name) + " must be a time of day \"HH:MM\" from \"00:00\" to"
                    + " \"23:59\", not \"" + text.get() + "\"");
        }
        // Not LocalTime.parse: its formatter would initialise java.time's formatting as the bot starts.
        return Optional.of(LocalTime.of(Integer.parseInt(value, 0, 2, 10), Integer.parseInt(value, 3, 5, 10)));
    }

    /** A key as messages name it: in quotes, unless it holds quoted parts itself (an account pattern). */
    private static String quoted(String name) {
        return name.indexOf('"') >= 0 ? name : "\"" + name + "\"";
    }

    private PostgresSettings postgres(Object section, String where) throws ConfigException {
        if (!(section instanceof Map)) {
            throw new ConfigException(where + "\"jobState.store\" is \"postgres\", so \"jobState.postgres\" must be"
                    + " an object with at least \"url\" (jdbc:postgresql://host:5432/database)");
        }
        String url = text(section, "url", "jobState.postgres.url", where).map(String::strip).orElse("");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(where + "\"jobState.postgres.url\" must be a JDBC URL such as"
                    + " jdbc:postgresql://host:5432/database" + (url.isEmpty() ? "" : ", not \"" + url + "\""));
        }
        String user = text(section, "user", "jobState.postgres.user", where).filter(s -> !s.isBlank()).orElse(null);
        String password = text(section, "password", "jobState.postgres.password", where)
                .or(() -> Optional.ofNullable(environment.apply(PostgresSettings.PASSWORD_VARIABLE)))
                .orElse(null);
        String schema = text(section, "schema", "jobState.postgres.schema", where).map(String::strip)
                .orElse(PostgresSettings.DEFAULT_SCHEMA);
        if (!PostgresSettings.isValidSchemaName(schema)) {
            throw new ConfigException(where + "\"jobState.postgres.schema\" must be a plain lower-case name"
                    + " (letters, digits, _), not \"" + schema + "\"");
        }
        int poolSize = number(section, "poolSize", "jobState.postgres.poolSize", where, 1, 64)
                .orElse(PostgresSettings.DEFAULT_POOL_SIZE);
        Duration lease = number(section, "leaseSeconds", "jobState.postgres.leaseSeconds", where, 1, 86_400)
                .map(Duration::ofSeconds).orElse(PostgresSettings.DEFAULT_LEASE);
        Duration leaseWait = number(section, "leaseWaitSeconds", "jobState.postgres.leaseWaitSeconds", where, 0,
                7 * 86_400).map(Duration::ofSeconds).orElse(PostgresSettings.DEFAULT_LEASE_WAIT);
        return new PostgresSettings(url, user, password, schema, poolSize, lease, leaseWait);
    }

    private static Optional<Integer> number(Object node, String field, String name, String where, int min, int max)
            throws ConfigException {
        Object value = ConfigJson.field(node, field);
        if (!isPresent(value)) {
            return Optional.empty();
        }
        if (!(value instanceof Long number) || number < min || number > max) {
            throw new ConfigException(where + "\"" + name + "\" must be a whole number from " + min + " to " + max
                    + ", not " + ConfigJson.toJson(value));
        }
        return Optional.of(number.intValue());
    }

    private static Optional<String> text(Object node, String field, String name, String where)
            throws ConfigException {
        Object value = ConfigJson.field(node, field);
        if (!isPresent(value)) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(where + quoted(name) + " must be a string, not " + ConfigJson.toJson(value));
        }
        return Optional.of(text);
    }

    /** Given, and not JSON's null: a key set to null counts as not given. */
    private static boolean isPresent(Object value) {
        return value != null && value != ConfigJson.NULL;
    }
}
