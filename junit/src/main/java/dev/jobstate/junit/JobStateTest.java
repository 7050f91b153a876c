package dev.jobstate.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with jobstate active in the test JVM (attached once, as
 * {@code JobState.install()} does) and gives each test method a {@link BotRuns} parameter: a fresh
 * temporary state folder, removed after the test, and a clock of its own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(JobStateExtension.class)
public @interface JobStateTest {

    /**
     * A jobstate settings file (a {@code jobstate.json}, relative to the working folder) whose zone,
     * day start, account rules, default account and quarantine the runs use; its state folder and
     * store never apply: the runs always use the test's fresh folder. Empty: the defaults, in UTC.
     *
     * @return the settings file, or empty
     */
    String config() default "";

    /**
     * Where each test's clock starts, an ISO-8601 instant. A fixed default, so a test passes at any
     * hour: a test that crosses midnight moves the clock there itself.
     *
     * @return the instant the clock starts at
     */
    String start() default "2030-01-15T12:00:00Z";
}
