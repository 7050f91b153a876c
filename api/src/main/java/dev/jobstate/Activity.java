package dev.jobstate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as one unit of a bot's daily work.
 *
 * <p>With the jobstate agent attached, a call whose id already completed today for the current
 * account is skipped (a non-void method returns the result recorded when it completed), and a call
 * that returns normally is checkpointed durably before it returns to its caller. A call that throws
 * is recorded as failed and runs again next time. Without the agent this annotation does nothing.
 *
 * <p>Annotate the concrete method that does the work: annotations on interface or overridden
 * methods are not inherited by Java, so they are not seen on the implementation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Activity {

    /**
     * The kind of work, which names the state file: {@code "daily-set"} is kept in
     * {@code <account>/daily-set-<date>.json}.
     *
     * @return the activity's type
     */
    String type() default "default";

    /**
     * The activity's id within its type. Empty means the method's name.
     *
     * <p>The id is a template: {@code {0}} is the first argument's {@code toString()},
     * {@code {1.offerId}} a property of the second argument (a record accessor {@code offerId()},
     * a getter {@code getOfferId()} or {@code isOfferId()}, or a field; nest with dots), and
     * {@code {name}} an argument by its parameter name, which needs the bot compiled with
     * {@code -parameters}. Text around placeholders is kept as it is: {@code "quiz-{0}"}.
     * Write <code>&#123;&#123;</code> and <code>&#125;&#125;</code> for literal braces.
     *
     * @return the id template, or empty for the method's name
     */
    String id() default "";

    /**
     * How many failed attempts an account gets at this activity in a day. Once it has failed that
     * often today, further calls today do not run the method: they throw {@link GaveUpException},
     * which carries the last failure, so a bot moves on instead of hammering a broken or banned
     * account. The next day starts afresh, and an operator's {@code jobstate unmark} gives the
     * attempts back at once. Each attempt counts, retries within a call ({@link #retries()}) too.
     *
     * @return the cap on failed attempts per account and day; 0, the default, for no cap
     */
    int maxAttempts() default 0;

    /**
     * How many times a failed call runs the method again before its exception reaches the caller.
     * Between attempts the calling thread waits {@link #backoff()}, doubling each time up to one
     * minute, each wait shortened by a random part of up to half (jitter), so that many accounts
     * failing together do not retry together. Only exceptions are retried, never {@link Error}s;
     * an interrupt during a wait ends the retrying, and the thread keeps its interrupt flag. Every
     * attempt is recorded and counts towards {@link #maxAttempts()}. A method that returns a future
     * is retried when it throws, not when its future fails.
     *
     * @return how many further attempts a failed call makes; 0, the default, for none
     */
    int retries() default 0;

    /**
     * The first wait between retries: a number with a unit, {@code "500ms"}, {@code "2s"},
     * {@code "1m"}, or an ISO-8601 duration such as {@code "PT2S"}.
     *
     * @return the first wait between two attempts of one call
     */
    String backoff() default "1s";

    /**
     * The exceptions worth retrying, with their subclasses: an {@code IOException} may pass, an
     * {@code IllegalArgumentException} will not. Empty, the default, retries every exception.
     *
     * @return the exception types {@link #retries()} applies to, or none for all
     */
    Class<? extends Exception>[] retryOn() default {};

    /**
     * At most once a day, even across a crash: for work that must not happen twice (a payment, a
     * redemption, a message). Before the method runs, its start is recorded durably. If the process
     * dies before the call ends, jobstate cannot know whether the work happened: the activity is
     * <em>in doubt</em>. It is then not run again: calls throw {@link InDoubtException} until an
     * operator settles it with {@code jobstate mark} (it happened) or {@code jobstate unmark} (run it
     * again); {@code jobstate status} lists it. A call that ends, returning or throwing, settles it
     * as usual: a failure may run again. The start costs one more durable write per call.
     *
     * @return whether a call interrupted by a crash must not run again without an operator's word
     */
    boolean once() default false;
}
