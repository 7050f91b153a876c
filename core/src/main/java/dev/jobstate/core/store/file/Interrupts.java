package dev.jobstate.core.store.file;

import java.io.IOException;

/**
 * Runs file I/O with the calling thread's interrupt held back. An interrupt during NIO closes the
 * channel, which for the folder's lock channel would drop the lock; the interrupt belongs to the
 * host anyway, so it is put back untouched afterwards.
 */
final class Interrupts {

    private Interrupts() {
    }

    static <T> T held(FolderLock.Work<T> work) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return work.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
