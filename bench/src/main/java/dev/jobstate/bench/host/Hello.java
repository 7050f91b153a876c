package dev.jobstate.bench.host;

/** A host without any of our annotations: what most JVMs the agent might be attached to are. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
