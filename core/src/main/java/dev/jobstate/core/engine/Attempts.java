package dev.jobstate.core.engine;

import dev.jobstate.Activity;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An activity's policy on failure, from {@code @Activity(maxAttempts, retries, backoff, retryOn, once)}:
 * how many failed attempts a day an account gets, how a failed call is retried within itself, and
 * whether a call a crash interrupted may run again. An annotation from an api jar older than these
 * attributes reads as no cap, no retries, and not once.
 */
final class Attempts {

    static final Attempts NONE = new Attempts(0, 0, Duration.ZERO, List.of(), false);

    /** Waits double up to this; a wait longer than a minute is a schedule, not a retry. */
    static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final int maxAttempts;
    private final int retries;
    private final Duration backoff;
    private final List<Class<?>> retryOn;
    private final boolean once;

    private Attempts(int maxAttempts, int retries, Duration backoff, List<Class<?>> retryOn, boolean once) {
        this.maxAttempts = maxAttempts;
        this.retries = retries;
        this.backoff = backoff;
        this.retryOn = retryOn;
        this.once = once;
    }

    /** @throws IllegalArgumentException saying what is wrong, for the site to run untracked */
    static Attempts of(Annotation activity) {
        if (activity instanceof Activity own) { // ours: read directly, a reflective read links method handles
            return of(own.maxAttempts(), own.retries(), own::backoff, () -> List.of(own.retryOn()), own.once());
        }
        return of(Annotations.number(activity, "maxAttempts", 0), Annotations.number(activity, "retries", 0),
                () -> Annotations.textOr(activity, "backoff", "1s"),
                () -> List.of(Annotations.classes(activity, "retryOn")), Annotations.flag(activity, "once"));
    }

    /** The same policy given in code ({@code JobState.activity(type).retries(...)}). */
    static Attempts of(int maxAttempts, int retries, String backoff, List<Class<?>> retryOn, boolean once) {
        return of(maxAttempts, retries, () -> backoff, () -> retryOn, once);
    }

    // Suppliers: an annotation's backoff and retryOn are read only when they matter, as before.
    private static Attempts of(int maxAttempts, int retries, Supplier<String> backoff,
                               Supplier<List<Class<?>>> retryOn, boolean once) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; it must be 0 (no cap) or more");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries is " + retries + "; it must be 0 (none) or more");
        }
        if (maxAttempts == 0 && retries == 0 && !once) {
            return NONE;
        }
        Duration wait = retries == 0 ? Duration.ZERO : parse(backoff.get());
        return new Attempts(maxAttempts, retries, wait, List.copyOf(retryOn.get()), once);
    }

    /** {@code "500ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"} or ISO-8601 such as {@code "PT2S"}. */
    static Duration parse(String text) {
        String trimmed = text.strip();
        Matcher amount = AMOUNT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (amount.matches()) {
            long n = Long.parseLong(amount.group(1));
            return switch (amount.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            Duration parsed = Duration.parse(trimmed);
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // said below, with what is accepted
        }
        throw new IllegalArgumentException("its backoff \"" + text + "\" is not a duration such as \"500ms\", \"2s\","
                + " \"1m\" or \"PT2S\"");
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** {@code @Activity(once = true)}: its start is recorded durably, and a start without an end is in doubt. */
    boolean once() {
        return once;
    }

    /** Whether a call that failed with {@code thrown} on its {@code attempt}-th try (1 first) tries again. */
    boolean retries(Throwable thrown, int attempt) {
        if (attempt > retries || !(thrown instanceof Exception)) {
            return false;
        }
        if (retryOn.isEmpty()) {
            return true;
        }
        for (Class<?> type : retryOn) {
            if (type.isInstance(thrown)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The wait after the {@code attempt}-th failed try: the backoff doubled for each try before it,
     * at most {@link #MAX_WAIT}, less a random part of up to half, so that accounts failing together
     * do not all retry together.
     */
    long waitMillis(int attempt) {
        long full = backoff.toMillis();
        for (int i = 1; i < attempt && full < MAX_WAIT.toMillis(); i++) {
            full *= 2;
        }
        full = Math.min(full, MAX_WAIT.toMillis());
        return full - ThreadLocalRandom.current().nextLong(full / 2 + 1);
    }
}
