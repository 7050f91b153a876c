package dev.jobstate.bench.host;

import dev.jobstate.Activity;

/** The smallest bot: one activity, called once. */
public final class OneActivity {

    private OneActivity() {
    }

    @Activity(type = "start-up", id = "hello")
    static void hello() {
        System.out.println("hello");
    }

    public static void main(String[] args) {
        hello();
    }
}
