package dev.jobstate.core.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's voice: one line per event on the host's stderr, prefixed {@code [jobstate]}.
 *
 * <p>Plain stderr rather than java.util.logging or a logging facade on purpose: an agent that
 * initialises the host's logging before its main method can change how the host logs.
 * Warnings about a recurring condition go through {@link #warnOnce} so a bot that makes thousands of
 * calls prints one line, not thousands.
 */
public final class Log {

    private static final String PREFIX = "[jobstate] ";
    private static final Set<Object> SAID = ConcurrentHashMap.newKeySet();
    private static final boolean DEBUG = Boolean.getBoolean("jobstate.debug");

    private Log() {
    }

    public static void info(String message) {
        print("INFO " + message, null);
    }

    public static void debug(String message) {
        if (DEBUG) {
            print("DEBUG " + message, null);
        }
    }

    public static void warn(String message) {
        print("WARN " + message, null);
    }

    public static void error(String message, Throwable cause) {
        print("ERROR " + message, cause);
    }

    /** Warns the first time {@code key} is seen in this JVM, and stays silent after. */
    public static void warnOnce(Object key, String message) {
        if (SAID.add(key)) {
            warn(message);
        }
    }

    /** Reports an error the first time {@code key} is seen in this JVM, and stays silent after. */
    public static void errorOnce(Object key, String message, Throwable cause) {
        if (SAID.add(key)) {
            error(message, cause);
        }
    }

    private static void print(String line, Throwable cause) {
        PrintStream err = System.err;
        String detail = cause == null ? "" : " (" + describe(cause) + ")";
        err.println(PREFIX + line + detail);
        if (cause != null && DEBUG) {
            cause.printStackTrace(err);
        }
    }

    /** {@code ExceptionClass: message}, the form an operator can search for. */
    public static String describe(Throwable t) {
        // Our relocated copies (the driver's PSQLException) by the names their libraries document.
        String name = t.getClass().getName().replace("dev.jobstate.shaded.", "");
        String message = t.getMessage();
        return message == null ? name : name + ": " + message;
    }
}
