package bots;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Accounts whose names look like paths, or hold what no file name can: a bot whose account list
 * comes from a user's file gets these one day. For each account it prints
 * {@code ACCOUNT <index> <hex of the name's UTF-8>} so a test can tell exactly which names it used,
 * then {@code RAN #<index> <id>} / {@code ACK #<index> <id> <value>} as the other bots do.
 */
public class HostileAccountsBot {

    static final List<String> ACCOUNTS = List.of(
            "..",
            ".",
            "../../x",
            "../../../x",
            "/etc/jobstate-it-x",
            "/tmp/jobstate-it-x",
            "a/b",
            "a\\b",
            "nul\0byte",
            "\0",
            "%2E.",
            "..%2F",
            ".lock",
            ".hidden",
            "~",
            " leading space",
            "line\nbreak",
            "\u00fcn\u00efc\u00f8d\u00e9@example.com",
            "x".repeat(300),
            "x".repeat(299) + "y",
            "a".repeat(200) + "/../../evil",
            "C:\\Windows\\x",
            "CON");

    public static void main(String[] args) {
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            String account = ACCOUNTS.get(i);
            Out.say("ACCOUNT " + i + " " + HexFormat.of().formatHex(account.getBytes(StandardCharsets.UTF_8)));
            new HostileAccountsBot().runFor(account, i);
        }
        Out.say("DONE");
    }

    void runFor(@Account String account, int index) {
        Out.say("ACK #" + index + " visit " + visit(index));
        Out.say("ACK #" + index + " odd-type " + oddType(index));
    }

    @Activity(type = "daily-set", id = "visit")
    int visit(int index) {
        Out.say("RAN #" + index + " visit");
        return index;
    }

    /** A type that is a path too: it names the file, so it must not reach outside the account folder. */
    @Activity(type = "../../type-escape", id = "odd-type")
    String oddType(int index) {
        Out.say("RAN #" + index + " odd-type");
        return "odd-" + index;
    }
}
