package dev.jobstate.cli.serve;

import java.util.List;

/**
 * Takes secrets out of text before it leaves the process: no page, response or console line carries
 * the database password, even inside a driver's message. Secrets shorter than {@link #SHORTEST}
 * characters are not looked for (they would match ordinary text); nothing of ours prints them either.
 */
final class Redactor {

    static final int SHORTEST = 4;

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST).toList();
    }

    String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }
}
