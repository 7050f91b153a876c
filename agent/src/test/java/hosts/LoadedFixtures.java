package hosts;

import dev.jobstate.Account;
import dev.jobstate.Activity;

/**
 * A host's classes, outside jobstate's packages (which an attach never retransforms), for
 * {@code LoadedActivitiesTest}.
 */
public final class LoadedFixtures {

    private LoadedFixtures() {
    }

    public interface Greeter {
        @Activity(type = "t", id = "greet")
        String greet(CharSequence who);
    }

    public static class Implementing implements Greeter {
        @Override
        public String greet(CharSequence who) {
            return "hello " + who;
        }

        String unrelated() {
            return "";
        }
    }

    public static class Base {
        @Activity(type = "t")
        int work() {
            return 1;
        }

        static int helper() {
            return 0;
        }
    }

    public static class Overriding extends Base {
        @Override
        int work() {
            return 2;
        }
    }

    public static class Scoped {
        void runFor(@Account String account) {
        }

        void other(String text) {
        }
    }

    public static class FieldOnly {
        @Account
        String account = "a";

        void run() {
        }
    }

    public static class Plain implements Runnable {
        @Override
        public void run() {
        }
    }
}
