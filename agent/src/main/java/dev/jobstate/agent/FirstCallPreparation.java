package dev.jobstate.agent;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.boot.JobStateRuntime;
import dev.jobstate.core.engine.Sites;

/**
 * What the first call into an activity works out before it reaches the store, worked out once on a
 * sample of our own by the thread that would otherwise only wait for jobstate to start: a day file
 * encoded in memory (its encoder and writer), and an {@code @Activity}
 * and an {@code @Account} read (the JDK makes its annotation proxies, reads generic signatures) and
 * their sites built. The host's first activity then finds that code loaded and initialised. Nothing
 * is kept but the JDK's caches and the sample's sites; no file is touched.
 */
final class FirstCallPreparation {

    private FirstCallPreparation() {
    }

    static void run() {
        try {
            JobStateRuntime.prepareFirstCheckpoint(); // the store is built meanwhile, on the start's thread
            Sites.activity(Sample.class, "work(Ljava/lang/String;)Ljava/lang/String;");
            Sites.scope(Sample.class, "work(Ljava/lang/String;)Ljava/lang/String;");
        } catch (Throwable t) {
            // Only a head start: the first call works it out itself, and reports what goes wrong.
        }
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
