package bots;

import dev.jobstate.Activity;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Shapes that must keep working under the agent: private, static, record and enum activities, a
 * JDK proxy and a decorator over an annotated interface, a generic interface (whose implementation
 * has a bridge method), an Error and an interrupt passing through, an activity in a shutdown hook,
 * and on JDK 21+ activities on virtual threads. Prints {@code RAN default <id>} per body run,
 * {@code ACK default <id> <value>} per returned call, {@code CAUGHT default <id> <throwable>}, and
 * {@code DONE}.
 */
public class ShapesBot {

    interface Greeter {
        @Activity(type = "shapes", id = "greet-{0}")
        String greet(String who);
    }

    static class PlainGreeter implements Greeter {
        @Override
        public String greet(String who) {
            Out.say("RAN default greet-" + who);
            return "hello " + who;
        }
    }

    /** Wraps another greeter; the call through it is the one recorded. */
    static class LoudGreeter implements Greeter {
        private final Greeter inner;

        LoudGreeter(Greeter inner) {
            this.inner = inner;
        }

        @Override
        public String greet(String who) {
            return inner.greet(who).toUpperCase();
        }
    }

    interface Source<T> {
        @Activity(type = "shapes", id = "source")
        T get();
    }

    static class NameSource implements Source<String> {
        @Override
        public String get() { // javac adds a bridge Object get() that calls this
            Out.say("RAN default source");
            return "named";
        }
    }

    record Coupon(String code) {
        @Activity(type = "shapes", id = "coupon-{0}")
        int redeem(String where) {
            Out.say("RAN default coupon-" + where);
            return code.length();
        }
    }

    enum Tier {
        GOLD;

        @Activity(type = "shapes", id = "tier")
        String upgrade() {
            Out.say("RAN default tier");
            return name().toLowerCase();
        }
    }

    @Activity(type = "shapes", id = "secret")
    private int secret() {
        Out.say("RAN default secret");
        return 7;
    }

    @Activity(type = "shapes", id = "static")
    static long counted() {
        Out.say("RAN default static");
        return 99L;
    }

    @Activity(type = "shapes", id = "error")
    void broken() {
        Out.say("RAN default error");
        throw new AssertionError("an Error passes through");
    }

    @Activity(type = "shapes", id = "interrupted")
    boolean interrupted() {
        Out.say("RAN default interrupted");
        return Thread.currentThread().isInterrupted();
    }

    @Activity(type = "shapes", id = "virtual-{0}")
    int onVirtual(int n) {
        Out.say("RAN default virtual-" + n);
        return n * n;
    }

    @Activity(type = "shapes", id = "on-exit")
    void onExit() {
        Out.say("RAN default on-exit");
    }

    public static void main(String[] args) throws Exception {
        ShapesBot bot = new ShapesBot();
        Runtime.getRuntime().addShutdownHook(new Thread(bot::onExit));
        Greeter plain = new PlainGreeter();
        say("greet-ann", plain.greet("ann"));
        say("greet-bob", new LoudGreeter(plain).greet("bob"));
        InvocationHandler handler = (proxy, method, methodArgs) -> {
            try {
                return method.invoke(plain, methodArgs);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Greeter proxied = (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(),
                new Class<?>[] {Greeter.class}, handler);
        say("greet-cy", proxied.greet("cy"));
        Source<String> source = new NameSource();
        say("source", source.get());
        say("coupon-web", new Coupon("SPRING").redeem("web"));
        say("tier", Tier.GOLD.upgrade());
        say("secret", bot.secret());
        say("static", counted());
        try {
            bot.broken();
        } catch (AssertionError e) {
            Out.say("CAUGHT default error " + e);
        }
        Thread.currentThread().interrupt();
        say("interrupted", bot.interrupted());
        Out.say("STILL-INTERRUPTED " + Thread.interrupted());
        if (Runtime.version().feature() >= 21) {
            ExecutorService virtual = (ExecutorService) Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            List<Future<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i % 5;
                squares.add(virtual.submit(() -> bot.onVirtual(n)));
            }
            int sum = 0;
            for (Future<Integer> square : squares) {
                sum += square.get();
            }
            virtual.shutdown();
            say("virtual-sum", sum);
        } else {
            say("virtual-sum", 300); // 10 × (0 + 1 + 4 + 9 + 16): the same line on every JDK
        }
        Out.say("DONE");
    }

    private static void say(String id, Object value) {
        Out.say("ACK default " + id + " " + value);
    }
}
