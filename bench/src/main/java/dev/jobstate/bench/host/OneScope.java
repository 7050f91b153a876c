package dev.jobstate.bench.host;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The smallest bot that hands work to another thread: one account's method submits one activity to
 * a pool. Entering that method is when the agent instruments the JDK's executors and threads.
 */
public final class OneScope {

    private OneScope() {
    }

    @Activity(type = "start-up", id = "handed-over")
    static void handedOver() {
        System.out.println("hello");
    }

    static void runFor(@Account String account) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(OneScope::handedOver).get();
        } finally {
            pool.shutdown();
        }
    }

    public static void main(String[] args) throws Exception {
        runFor("alice@example.com");
    }
}
