package bots;

import dev.jobstate.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One activity key entered more than once at a time: by four threads of one JVM at once, by a
 * method that calls itself, and by an override that calls its annotated {@code super}. Prints
 * {@code RAN default <id>} per body run, {@code ACK default <id> <value>} per returned call,
 * {@code CAUGHT default <id> <message>} per failed call, and {@code DONE}.
 *
 * <p>Arguments: {@code --fail-first}: the first body of {@code slow} to run throws.
 */
public class SameKeyBot {

    private static final AtomicInteger SLOW_BODIES = new AtomicInteger();
    private static boolean failFirst;

    @Activity(type = "same")
    int slow() {
        int body = SLOW_BODIES.incrementAndGet();
        Out.say("RAN default slow");
        sleep(400);
        if (failFirst && body == 1) {
            throw new IllegalStateException("first attempt fails");
        }
        return 42;
    }

    /** 1 + count(n - 1): every level is the same activity. */
    @Activity(type = "same", id = "count")
    int count(int n) {
        Out.say("RAN default count");
        return n == 0 ? 0 : 1 + count(n - 1);
    }

    static class Base {
        @Activity(type = "same", id = "value")
        int value() {
            Out.say("RAN default value-base");
            return 1;
        }
    }

    static class Derived extends Base {
        @Activity(type = "same", id = "value")
        @Override
        int value() {
            Out.say("RAN default value-derived");
            return super.value() + 10;
        }
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.equals("--fail-first")) {
                failFirst = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        SameKeyBot bot = new SameKeyBot();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    Out.say("ACK default slow " + bot.slow());
                } catch (IllegalStateException e) {
                    Out.say("CAUGHT default slow " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Out.say("ACK default count " + bot.count(3));
        Out.say("ACK default value " + new Derived().value());
        Out.say("DONE");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
