package dev.jobstate.bench.host;

import java.lang.instrument.Instrumentation;

/**
 * An agent that does nothing: what {@code -javaagent:} costs the JVM before any agent code runs
 * (on JDK 17 and 25 it turns off part of the class-data sharing archive). bench/startup.sh jars it.
 */
public final class EmptyAgent {

    private EmptyAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        // Nothing: the point is to measure the JVM's share alone.
    }
}
