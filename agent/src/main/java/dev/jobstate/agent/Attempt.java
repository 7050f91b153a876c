package dev.jobstate.agent;

/**
 * How one way of attaching jobstate to this JVM went.
 *
 * @param how how it was attached, for the debug line
 * @param reason why it failed, or null when it worked
 * @param fix what the user can do about it, or null when it worked
 * @param helperMayWork whether a helper process might succeed where this failed
 */
record Attempt(String how, String reason, String fix, boolean helperMayWork) {

    static final String JAVAAGENT = "start the JVM with -javaagent:jobstate.jar";
    static final String JAVAAGENT_OR_SELF = JAVAAGENT + ", or with -Djdk.attach.allowAttachSelf=true";

    static Attempt done(String how) {
        return new Attempt(how, null, null, false);
    }

    static Attempt failed(String reason, String fix) {
        return new Attempt(null, reason, fix, false);
    }

    /** Refused in process, as the JDK refuses by default: a helper process may do it. */
    static Attempt refusedInProcess(String reason) {
        return new Attempt(null, reason, JAVAAGENT_OR_SELF, true);
    }
}
