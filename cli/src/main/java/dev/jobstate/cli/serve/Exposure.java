package dev.jobstate.cli.serve;

import java.net.InetAddress;

/**
 * Who can reach the dashboard. On the loopback address only this machine's users can; on any
 * other, anyone on that network could read the farm's account names and, without a token, there
 * would be nothing between them and the day files. So another address needs a token.
 */
public final class Exposure {

    private Exposure() {
    }

    /** Refused with a message that says why and what to do instead. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Passes when {@code bind} is a loopback address, or a token is set. */
    public static void check(InetAddress bind, String token) throws Refused {
        if (!bind.isLoopbackAddress() && (token == null || token.isBlank())) {
            throw new Refused("refusing to serve on " + bind.getHostAddress() + " without a token: anyone who can"
                    + " reach that address could use the dashboard; set --token <secret> or JOBSTATE_TOKEN"
                    + " (every change from a page then needs it), or leave --bind at 127.0.0.1 and use an SSH tunnel");
        }
    }
}
