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
}
