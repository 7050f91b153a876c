package dev.jobstate.core.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/** What differs between a value and its replay, and where: the path from the result down to it. */
final class Difference {
    private final String what;
    private final boolean ofClass;
    private final Deque<String> path = new ArrayDeque<>();

    /** Other contents: "it replays as 0, not 10". */
    static Difference ofValue(String what) {
        return new Difference(what, false);
    }

    /** Another class: "it replays as a HashMap, not an Offer". */
    static Difference ofClass(String what) {
        return new Difference(what, true);
    }

    private Difference(String what, boolean ofClass) {
        this.what = what;
        this.ofClass = ofClass;
    }

    /** Whether a value replays as another class, rather than as its class with other contents. */
    boolean ofClass() {
        return ofClass;
    }

    /** This difference, found under {@code step} (".points", "[2]") of the value it is reported for. */
    Difference under(String step) {
        path.addFirst(step);
        return this;
    }

    @Override
    public String toString() {
        if (path.isEmpty()) {
            return what;
        }
        String where = String.join("", path);
        return "at " + (where.startsWith(".") ? where.substring(1) : where) + " " + what;
    }
}
