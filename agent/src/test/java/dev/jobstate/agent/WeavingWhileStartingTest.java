package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private static final class CountingWeaver implements WeavingWhileStarting.Weaver {

        final AtomicInteger woven = new AtomicInteger();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public AdviceWeaver.Woven weave(ClassLoader loader, String internalName, byte[] bytes) {
            woven.incrementAndGet();
            first.countDown();
            return new AdviceWeaver.Woven(internalName, WOVEN, null);
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
    void aClassThatCouldNotBeWovenIsLeftAsItWasAndSaidSoOnlyWhenJobstateIsOn() {
        WeavingWhileStarting.Weaver failing = (loader, name, bytes) ->
                new AdviceWeaver.Woven(name, null, new IllegalStateException("frames"));
        String off = Stderr.of(() -> assertNull(new WeavingWhileStarting(EngineStart.begin(() -> false), failing, null)
                .transform(null, "bots/Off", null, null, new byte[0])));
        String on = Stderr.of(() -> assertNull(new WeavingWhileStarting(EngineStart.begin(() -> true), failing, null)
                .transform(null, "bots/On", null, null, new byte[0])));

        assertEquals("", off, "jobstate is off: nothing to say about a class it will not touch");
        assertTrue(on.contains("could not instrument bots.On; its activities run untracked"), on);
    }
}
