package dev.jobstate.agent;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.boot.JobStateRuntime;
import dev.jobstate.core.engine.Sites;
import java.util.function.BooleanSupplier;

/**
 * What the first call into an activity works out before it reaches the store, worked out ahead by
 * two threads that would otherwise be idle: the one loading the first annotated class, which waits
 * for jobstate to start, and the thread that started it, once it has. The steps, in the order the
 * first call needs them:
 * <ol>
 *   <li>a day file encoded in memory (the JSON factory and generator, the encoder);
 *   <li>an {@code @Activity} and an {@code @Account} of our own read (the JDK makes its annotation
 *       proxies, reads generic signatures) and their sites built;
 *   <li>today's bounds worked out in the default schedule (java.time's zone rules and calendar).
 * </ol>
 * The waiting thread takes steps from the front, and only while the start is under way: once it is
 * over, its own first call is what matters. The start's thread takes the steps left from the back,
 * so the two never do the same step. Nothing is kept but the JDK's caches and the sample's
 * sites; no file is touched. A step that fails is only a head start lost: the first call works it
 * out itself, and reports what goes wrong.
 */
final class FirstCallPreparation {

    /** This JVM's: each step is worth doing once. */
    static final FirstCallPreparation OF_THIS_JVM = new FirstCallPreparation(
            JobStateRuntime::prepareFirstCheckpoint,
            FirstCallPreparation::readSample,
            JobStateRuntime::prepareFirstCall);

    private final Runnable[] steps;
    private int front; // guarded by this: the next step from the front
    private int back; // guarded by this: the next step from the back

    FirstCallPreparation(Runnable... steps) {
        this.steps = steps.clone();
        this.back = steps.length - 1;
    }

    /** On the thread waiting for the start: steps from the front, until the start is over. */
    void whileStarting(BooleanSupplier startIsOver) {
        Runnable step;
        while (!startIsOver.getAsBoolean() && (step = fromFront()) != null) {
            runQuietly(step);
        }
    }

    /** On the start's thread, once jobstate is on: whatever steps are left, from the back. */
    void afterStart() {
        Runnable step;
        while ((step = fromBack()) != null) {
            runQuietly(step);
        }
    }

    private synchronized Runnable fromFront() {
        return front <= back ? steps[front++] : null;
    }

    private synchronized Runnable fromBack() {
        return front <= back ? steps[back--] : null;
    }

    private static void runQuietly(Runnable step) {
        try {
            step.run();
        } catch (Throwable t) {
            // Only a head start: the first call works it out itself, and reports what goes wrong.
        }
    }

    private static void readSample() {
        Sites.activity(Sample.class, "work(Ljava/lang/String;)Ljava/lang/String;");
        Sites.scope(Sample.class, "work(Ljava/lang/String;)Ljava/lang/String;");
    }

    /** Never called: its methods are only read. */
    static final class Sample {

        private Sample() {
        }

        @Activity(type = "jobstate-first-call", id = "sample")
        String work(@Account String account) {
            return account;
        }
    }
}
