package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class FirstCallPreparationTest {

    private final List<String> done = new CopyOnWriteArrayList<>();

    private Runnable step(String name) {
        return () -> done.add(name);
    }

    @Test
    void theWaitingThreadTakesStepsFromTheFrontOnlyWhileTheStartIsUnderWay() {
        AtomicBoolean over = new AtomicBoolean();
        FirstCallPreparation preparation = new FirstCallPreparation(
                () -> {
                    done.add("encode");
                    over.set(true);
                },
                step("sites"), step("dates"));

        preparation.whileStarting(over::get);
        assertEquals(List.of("encode"), done);

        preparation.afterStart();
        assertEquals(List.of("encode", "dates", "sites"), done);
    }

    @Test
    void nothingIsTakenOnceTheStartIsOverBeforeTheWaitingThreadLooks() {
        FirstCallPreparation preparation = new FirstCallPreparation(step("encode"), step("sites"));

        preparation.whileStarting(() -> true);

        assertEquals(List.of(), done);
    }

    @Test
    void aStepThatFailsCostsOnlyItself() {
        FirstCallPreparation preparation = new FirstCallPreparation(
                step("encode"),
                () -> {
                    throw new IllegalStateException("no annotations here");
                },
                step("dates"));

        preparation.whileStarting(() -> false);

        assertEquals(List.of("encode", "dates"), done);
    }

    @Test
    void twoThreadsAtOnceDoEveryStepOnce() throws InterruptedException {
        int steps = 200;
        AtomicIntegerArray runs = new AtomicIntegerArray(steps);
        Runnable[] work = new Runnable[steps];
        for (int i = 0; i < steps; i++) {
            int index = i;
            work[i] = () -> runs.incrementAndGet(index);
        }
        FirstCallPreparation preparation = new FirstCallPreparation(work);
        CountDownLatch go = new CountDownLatch(1);
        Thread starting = new Thread(() -> {
            awaitQuietly(go);
            preparation.afterStart();
        });
        starting.start();

        go.countDown();
        preparation.whileStarting(() -> false);
        starting.join(TimeUnit.SECONDS.toMillis(10));

        for (int i = 0; i < steps; i++) {
            assertEquals(1, runs.get(i), "step " + i);
        }
        assertFalse(starting.isAlive());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
