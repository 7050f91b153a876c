package dev.jobstate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;

/**
 * jobstate from code: start it without {@code -javaagent}, and run activities where no annotation
 * can reach.
 *
 * <ul>
 *   <li>{@link #install()} attaches jobstate to the running JVM, as {@code -javaagent:jobstate.jar}
 *       would have, for a program whose launch command cannot be changed.</li>
 *   <li>{@link #activity(String, String, String, Body)} and {@link #activity(String)} run one
 *       activity with the same files, rules and guarantees as an {@code @Activity} method, with no
 *       agent at all (a native image, a framework that forbids agents, a lambda).</li>
 * </ul>
 *
 * <p>Both need the runtime, {@code jobstate.jar}, on the class path at run time; the bot still
 * compiles against this api alone. Without the runtime, {@code install()} says so and returns
 * false, and activities run untracked (said once on stderr): the program goes on either way.
 */
public final class JobState {

    private static final String INSTALLER = "dev.jobstate.agent.SelfInstall";
    private static final String CALLS = "dev.jobstate.core.boot.ProgrammaticCalls";

    private JobState() {
    }

    /**
     * Attaches jobstate to this JVM and instruments the classes already loaded that use
     * {@code @Activity} or {@code @Account}; later classes are instrumented as they load. The
     * settings are found as with {@code -javaagent} (the {@code jobstate.config} system property,
     * then {@code src/config.json} or {@code config.json} in the working folder, then the
     * defaults). Calling it again, or when the JVM was started with {@code -javaagent:jobstate.jar},
     * changes nothing.
     *
     * @return whether jobstate is active in this JVM now; when it is not, the reason and how to fix
     *     it were printed on stderr, and the program runs on untracked
     */
    public static boolean install() {
        return install(null);
    }

    /**
     * {@link #install()} with the settings of {@code config}.
     *
     * @param config the jobstate settings file, or null to find them as {@link #install()} does
     * @return whether jobstate is active in this JVM now
     */
    public static boolean install(Path config) {
        try {
            Class<?> installer = Class.forName(INSTALLER, true, JobState.class.getClassLoader());
            MethodHandle install = MethodHandles.publicLookup().findStatic(installer, "install",
                    MethodType.methodType(boolean.class, String.class));
            // A variable, not the conditional itself: invokeExact would see a poly expression as Object.
            String path = config == null ? null : config.toAbsolutePath().toString();
            return (boolean) install.invokeExact(path);
        } catch (ClassNotFoundException e) {
            Runtime.warn("JobState.install() found no jobstate runtime: put jobstate.jar on the class path"
                    + " (or start the JVM with -javaagent:jobstate.jar); the program runs without jobstate.");
            return false;
        } catch (Throwable t) {
            Runtime.warn("JobState.install() failed (" + t + "); the program runs without jobstate.");
            return false;
        }
    }

    /**
     * Runs {@code body} as the activity {@code type}/{@code id} of {@code account}, unless it
     * already completed today: then it returns what the completed call returned, without running.
     * Exactly as an {@code @Activity} method: the outcome is saved before this returns, the body's
     * exception passes through unchanged, and a call jobstate refuses throws
     * {@link GaveUpException}, {@link QuarantinedException} or {@link InDoubtException}.
     *
     * @param account the account, or null for the account of the enclosing {@code @Account} method
     *     or activity, else the default account
     * @param type the activity's type
     * @param id the activity's id within its type and day
     * @param body the work
     * @param <T> what the work returns
     * @param <E> what it may throw
     * @return what {@code body} returned, now or the day it completed
     * @throws E what {@code body} threw
     */
    public static <T, E extends Exception> T activity(String account, String type, String id, Body<T, E> body)
            throws E {
        return activity(type).account(account).id(id).call(body);
    }

    /**
     * {@link #activity(String, String, String, Body)} for work that returns nothing.
     *
     * @param account the account, or null as there
     * @param type the activity's type
     * @param id the activity's id within its type and day
     * @param body the work
     * @param <E> what it may throw
     * @throws E what {@code body} threw
     */
    public static <E extends Exception> void activity(String account, String type, String id, Task<E> body)
            throws E {
        activity(type).account(account).id(id).run(body);
    }

    /**
     * An activity of {@code type}, to give an account, an id and a policy before calling it:
     * {@code JobState.activity("claim").account(a).id(offer).once().call(() -> claim(offer))}.
     * Its id is the type itself (one a day) until {@link ActivityCall#id} says otherwise.
     *
     * @param type the activity's type
     * @return the activity, to complete and call; it can be kept and reused
     */
    public static ActivityCall activity(String type) {
        return ActivityCall.of(type);
    }

    /**
     * Work that returns a value.
     *
     * @param <T> what it returns
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        /**
         * @return its result
         * @throws E its failure
         */
        T call() throws E;
    }

    /**
     * Work that returns nothing.
     *
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Task<E extends Exception> {
        /** @throws E its failure */
        void run() throws E;
    }

    /** Finds the runtime once; without it, says so once and lets every call run untracked. */
    static final class Runtime {

        private static final MethodHandle CALL = find();

        private Runtime() {
        }

        private static MethodHandle find() {
            try {
                Class<?> calls = Class.forName(CALLS, true, JobState.class.getClassLoader());
                return MethodHandles.publicLookup().findStatic(calls, "call",
                        MethodType.methodType(Object.class, ActivityCall.class, Body.class, boolean.class));
            } catch (ReflectiveOperationException | LinkageError e) {
                warn("JobState.activity found no jobstate runtime (jobstate.jar is not on the class path):"
                        + " activities run untracked, nothing is skipped or saved.");
                return null;
            }
        }

        /** @param returnsNothing whether the body stands for a method returning void */
        @SuppressWarnings("unchecked")
        static <T, E extends Exception> T call(ActivityCall call, Body<T, E> body, boolean returnsNothing) throws E {
            if (CALL == null) {
                return body.call();
            }
            try {
                return (T) (Object) CALL.invokeExact(call, (Body<?, ?>) body, returnsNothing);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw (E) t; // only the body's own exceptions come through the runtime
            }
        }

        static void warn(String message) {
            System.err.println("[jobstate] WARN " + message);
        }
    }
}
