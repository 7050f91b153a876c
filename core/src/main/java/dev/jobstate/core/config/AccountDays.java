package dev.jobstate.core.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Which date it is for an account at an instant: the one place that decides "today".
 *
 * <p>An account's day is set by the first rule of {@code jobState.accounts} whose pattern matches
 * its name (exact names and globs alike, in the order listed; case-sensitive), else by
 * {@code jobState.timezone} and {@code jobState.dayStartsAt}. A rule that leaves out the zone or the
 * start takes that one from those defaults.
 *
 * <p>A day with start S in zone Z begins at the first instant whose local time in Z is S on its
 * date, and lasts until the next day begins: at 03:59 with a start of 04:00 it is still yesterday.
 * When S does not exist on a date (clocks go forward over it), that day begins when the clocks
 * jump; when S happens twice (clocks go back), it begins the first time. With the default start,
 * midnight, this is the local date, as it always was.
 *
 * <p>Made for the engine's every call: an account's schedule is looked up once and kept, and each
 * schedule keeps the instants its current day runs between, so most calls read the clock's millis
 * and compare two numbers.
 */
public final class AccountDays {

    /** One way of cutting time into days: a zone, and the local time each day starts at. */
    public record Schedule(ZoneId zone, LocalTime start) {

        /** The date at {@code at}: the day that began at the most recent start. */
        public LocalDate dateAt(Instant at) {
            LocalDateTime local = LocalDateTime.ofInstant(at, zone);
            LocalDate date = local.toLocalTime().isBefore(start) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
            // Local times repeat and skip around clock changes: settle it by the days' real bounds.
            if (at.isBefore(startOf(date))) {
                return date.minusDays(1);
            }
            if (!at.isBefore(startOf(date.plusDays(1)))) {
                return date.plusDays(1);
            }
            return date;
        }

        /** The instant {@code date} begins. */
        public Instant startOf(LocalDate date) {
            LocalDateTime local = date.atTime(start);
            ZoneOffsetTransition change = zone.getRules().getTransition(local);
            if (change != null && change.isGap()) {
                return change.getInstant();
            }
            return local.atZone(zone).toInstant(); // an overlap: its earlier offset, the first time
        }

        // Written out: a record's own equals and hashCode are bootstrapped through method handles
        // at their first call, which was 14 ms of the CLI's start, for one map of a few schedules.
        @Override
        public boolean equals(Object other) {
            return other instanceof Schedule that && zone.equals(that.zone) && start.equals(that.start);
        }

        @Override
        public int hashCode() {
            return 31 * zone.hashCode() + start.hashCode();
        }
    }

    private record Rule(Pattern pattern, Window window) {
    }

    /** A schedule and its current day, kept up to date by the calls that ask. */
    private final class Window {

        final Schedule schedule;
        volatile Day day;

        Window(Schedule schedule) {
            this.schedule = schedule;
        }

        LocalDate dateAt(long millis) {
            Day current = day;
            if (current != null && millis >= current.fromMillis && millis < current.untilMillis) {
                return current.date;
            }
            return roll(this, millis);
        }
    }

    private record Day(LocalDate date, long fromMillis, long untilMillis) {
    }

    private final Window fallback;
    private final List<Rule> rules;
    private final List<Window> windows;
    private final Map<String, Window> byAccount = new ConcurrentHashMap<>();
    private final Consumer<Set<LocalDate>> onNewDates;
    private Set<LocalDate> reported;

    /** The days {@code config} describes. */
    public AccountDays(JobStateConfig config) {
        this(config, dates -> { });
    }

    /**
     * @param onNewDates told, on the first call and whenever the set changes after, every date
     *     that is some schedule's current day: no account's today is outside it (the engine keeps
     *     exactly those days in memory)
     */
    public AccountDays(JobStateConfig config, Consumer<Set<LocalDate>> onNewDates) {
        this.onNewDates = onNewDates;
        Map<Schedule, Window> distinct = new LinkedHashMap<>();
        Schedule defaults = new Schedule(config.zone(), config.dayStartsAt());
        fallback = distinct.computeIfAbsent(defaults, Window::new);
        List<Rule> compiled = new ArrayList<>();
        for (AccountRule rule : config.accounts()) {
            Schedule schedule = new Schedule(rule.zone() != null ? rule.zone() : config.zone(),
                    rule.dayStartsAt() != null ? rule.dayStartsAt() : config.dayStartsAt());
            compiled.add(new Rule(glob(rule.pattern()), distinct.computeIfAbsent(schedule, Window::new)));
        }
        rules = List.copyOf(compiled);
        windows = List.copyOf(distinct.values());
    }

    /** The date it is for {@code account} at {@code millis} since the epoch. */
    public LocalDate dateOf(String account, long millis) {
        return window(account).dateAt(millis);
    }

    /** The date it is for {@code account} at {@code at}. */
    public LocalDate dateOf(String account, Instant at) {
        return window(account).dateAt(at.toEpochMilli());
    }

    /** The schedule that decides {@code account}'s days. */
    public Schedule scheduleOf(String account) {
        return window(account).schedule;
    }

    /** The default schedule: {@code jobState.timezone} and {@code jobState.dayStartsAt}. */
    public Schedule defaultSchedule() {
        return fallback.schedule;
    }

    /** Whether every account has the default schedule: one date for all at any instant. */
    public boolean isUniform() {
        return windows.size() == 1;
    }

    /** Every schedule's date at {@code at}, in order: each account's today is one of them. */
    public Set<LocalDate> currentDates(Instant at) {
        Set<LocalDate> dates = new TreeSet<>();
        for (Window w : windows) {
            dates.add(w.schedule.dateAt(at));
        }
        return dates;
    }

    private Window window(String account) {
        if (rules.isEmpty()) {
            return fallback;
        }
        Window known = byAccount.get(account); // first: computeIfAbsent's lambda would be made on every call
        return known != null ? known : byAccount.computeIfAbsent(account, this::match);
    }

    private Window match(String account) {
        for (Rule rule : rules) {
            if (rule.pattern.matcher(account).matches()) {
                return rule.window;
            }
        }
        return fallback;
    }

    private synchronized LocalDate roll(Window window, long millis) {
        Instant at = Instant.ofEpochMilli(millis);
        LocalDate date = window.schedule.dateAt(at);
        window.day = new Day(date, window.schedule.startOf(date).toEpochMilli(),
                window.schedule.startOf(date.plusDays(1)).toEpochMilli());
        Set<LocalDate> dates = currentDates(at);
        if (!dates.equals(reported)) {
            reported = dates;
            onNewDates.accept(Set.copyOf(dates));
        }
        return date;
    }

    /** {@code *} any run of characters, {@code ?} one; everything else stands for itself. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
