package dev.jobstate.core.store.file;

import dev.jobstate.core.store.file.FaultFileSystem.Call;
import dev.jobstate.core.store.file.FaultFileSystem.Op;
import dev.jobstate.core.store.file.FaultFileSystem.Rule;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds a write in the fsync of its temp file until the test releases it: the way to have a write
 * "under way" for as long as a test needs, ordered by latches rather than sleeps.
 */
final class HeldFsync {

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private HeldFsync() {
    }

    /** Holds the first temp-file fsync from now on; later ones go through. */
    static HeldFsync first(FaultFileSystem fs) {
        return first(fs, call -> {
        });
    }

    /** Holds the first temp-file fsync from now on; later ones meet {@code later}. */
    static HeldFsync first(FaultFileSystem fs, Rule later) {
        HeldFsync gate = new HeldFsync();
        AtomicBoolean first = new AtomicBoolean(true);
        fs.on(Op.FORCE, Call::isTemp, call -> {
            if (first.compareAndSet(true, false)) {
                gate.hold();
            } else {
                later.apply(call);
            }
        });
        return gate;
    }

    /** Holds every temp-file fsync from now on until released. */
    static HeldFsync every(FaultFileSystem fs) {
        HeldFsync gate = new HeldFsync();
        fs.on(Op.FORCE, Call::isTemp, call -> gate.hold());
        return gate;
    }

    /** Returns once a write is held in its fsync. */
    void awaitHeld() throws InterruptedException {
        held.await();
    }

    /** Lets held writes, and any after them, go on. Safe to call more than once. */
    void release() {
        release.countDown();
    }

    private void hold() {
        held.countDown();
        Parked.await(release); // keeps an interrupt, which the real fsync then meets
    }
}
