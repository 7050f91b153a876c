package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EngineStartTest {

    @Test
    void startsOnAThreadOfItsOwnAndAnswersWhetherJobstateIsOn() throws Exception {
        AtomicReference<Thread> startedOn = new AtomicReference<>();
        AtomicBoolean sawItself = new AtomicBoolean();
        EngineStart start = EngineStart.begin(() -> {
            startedOn.set(Thread.currentThread());
            sawItself.set(EngineStart.onStartThread());
            return true;
        });

        assertTrue(start.isOn());
        assertNotSame(Thread.currentThread(), startedOn.get());
        assertTrue(startedOn.get().isDaemon(), "a host that exits at once must not wait for jobstate's start");
        assertTrue(sawItself.get(), "classes the start loads must not be woven by it");
        assertFalse(EngineStart.onStartThread());
        assertFalse(EngineStart.begin(() -> false).isOn());
    }

    @Test
    void aFailedStartIsThrownToTheWaitingThreadAsItWas() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("disk gone"));
        EngineStart start = EngineStart.begin(() -> {
            throw failure;
        });

        assertSame(failure, assertThrows(UncheckedIOException.class, start::isOn));
    }

    @Test
    void anInterruptedHostThreadStillGetsTheAnswerAndKeepsItsInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EngineStart start = EngineStart.begin(() -> {
            release.await();
            return true;
        });
        AtomicReference<Boolean> answer = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread host = new Thread(() -> {
            try {
                answer.set(start.isOn());
            } catch (Exception e) {
                answer.set(null);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        host.start();
        host.interrupt();
        release.countDown();
        host.join(10_000);

        assertEquals(Boolean.TRUE, answer.get());
        assertTrue(stillInterrupted.get());
    }
}
