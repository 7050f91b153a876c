package dev.jobstate.cli.serve;

/** A request the dashboard will not serve, with the status and the short reason the client gets. */
final class HttpProblem extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;
    final String allow;

    private HttpProblem(int status, String reason, String allow) {
        super(reason);
        this.status = status;
        this.allow = allow;
    }

    static HttpProblem badRequest(String reason) {
        return new HttpProblem(400, reason, null);
    }

    static HttpProblem forbidden(String reason) {
        return new HttpProblem(403, reason, null);
    }

    static HttpProblem notFound(String reason) {
        return new HttpProblem(404, reason, null);
    }

    static HttpProblem conflict(String reason) {
        return new HttpProblem(409, reason, null);
    }

    /** @param allow the methods the path takes */
    static HttpProblem methodNotAllowed(String allow) {
        return new HttpProblem(405, "this path takes " + allow + " only", allow);
    }

    /** The request names a host this dashboard is not: a DNS rebinding attempt, or a wrong address. */
    static HttpProblem misdirected(String reason) {
        return new HttpProblem(421, reason, null);
    }
}
