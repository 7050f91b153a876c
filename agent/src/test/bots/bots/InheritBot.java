package bots;

import dev.jobstate.Activity;

/**
 * {@code @Activity} where Java does not inherit it: on an interface method, on an abstract method,
 * on a method whose override is not annotated, and on a functional interface that a lambda
 * implements. Prints {@code RAN default <id>} per body run, {@code ACK default <id> <value>} per
 * returned call, and {@code DONE}.
 */
public class InheritBot {

    interface Greeter {
        @Activity(type = "inherit", id = "greet")
        String greet();
    }

    static class HelloGreeter implements Greeter {
        @Override
        public String greet() {
            Out.say("RAN default greet");
            return "hello";
        }
    }

    abstract static class Task {
        @Activity(type = "inherit", id = "task")
        abstract int run();
    }

    static class RealTask extends Task {
        @Override
        int run() {
            Out.say("RAN default task");
            return 3;
        }
    }

    static class Base {
        @Activity(type = "inherit", id = "work")
        int work() {
            Out.say("RAN default work-base");
            return 1;
        }
    }

    static class Overriding extends Base {
        @Override
        int work() {
            Out.say("RAN default work-override");
            return 2;
        }
    }

    @FunctionalInterface
    interface Step {
        @Activity(type = "inherit", id = "step")
        int go();
    }

    public static void main(String[] args) {
        Out.say("ACK default greet " + new HelloGreeter().greet());
        Out.say("ACK default task " + new RealTask().run());
        Out.say("ACK default work " + new Overriding().work());
        Step step = () -> {
            Out.say("RAN default step");
            return 4;
        };
        Out.say("ACK default step " + step.go());
        Out.say("DONE");
    }
}
