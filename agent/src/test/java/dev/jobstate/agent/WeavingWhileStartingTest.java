package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The first annotated class is woven while jobstate starts, and its woven bytes go to the JVM only
 * if jobstate turns out to be on.
 */
class WeavingWhileStartingTest {

    private static final byte[] WOVEN = {1, 2, 3};

    /** Weaves every class into {@link #WOVEN}, counting. */
    private static final class CountingWeaver implements ClassFileTransformer {

        final AtomicInteger woven = new AtomicInteger();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) {
            woven.incrementAndGet();
            first.countDown();
            return WOVEN;
        }
    }

    @Test
    void theFirstClassIsWovenWhileJobstateStartsAndHandedOverOnceItIsOn() throws Exception {
        CountingWeaver weaver = new CountingWeaver();
        // The start ends only once the class is woven: were the weave to wait for it, this would not end.
        EngineStart start = EngineStart.begin(() -> weaver.first.await(10, TimeUnit.SECONDS));
        WeavingWhileStarting weaving = new WeavingWhileStarting(start, weaver, null);

        assertArrayEquals(WOVEN, weaving.transform(null, "bots/Bot", null, null, new byte[0]));
        assertTrue(weaving.isOn());
        assertArrayEquals(WOVEN, weaving.transform(null, "bots/Other", null, null, new byte[0]));
        assertEquals(2, weaver.woven.get());
    }

    @Test
    void whenJobstateIsOffTheWovenBytesAreDroppedAndNothingIsWovenAfter() {
        CountingWeaver weaver = new CountingWeaver();
        WeavingWhileStarting weaving = new WeavingWhileStarting(EngineStart.begin(() -> false), weaver, null);

        assertNull(weaving.transform(null, "bots/Bot", null, null, new byte[0]));
        assertFalse(weaving.isOn());
        assertNull(weaving.transform(null, "bots/Other", null, null, new byte[0]));
        assertEquals(1, weaver.woven.get(), "only the class that started it, before the answer");
    }

    @Test
    void aStartThatFailsIsOffAndTheClassIsLeftAsItWas() {
        CountingWeaver weaver = new CountingWeaver();
        WeavingWhileStarting weaving = new WeavingWhileStarting(EngineStart.begin(() -> {
            throw new IllegalStateException("disk gone");
        }), weaver, null);

        assertNull(weaving.transform(null, "bots/Bot", null, null, new byte[0]));
        assertFalse(weaving.isOn());
    }

    @Test
    void aWeaverThatThrowsLeavesTheClassAsItWas() {
        ClassFileTransformer throwing = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] bytes) {
                throw new IllegalStateException("weaver broke");
            }
        };
        WeavingWhileStarting weaving = new WeavingWhileStarting(EngineStart.begin(() -> true), throwing, null);

        assertNull(weaving.transform(null, "bots/Bot", null, null, new byte[0]));
        assertTrue(weaving.isOn());
    }
}
