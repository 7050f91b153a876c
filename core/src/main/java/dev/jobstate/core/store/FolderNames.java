package dev.jobstate.core.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns an account or a type into one safe file name, injectively.
 *
 * <p>A name made only of {@code A-Z a-z 0-9 @ . _ + -}, not starting with a dot and not too long, is
 * kept as it is, so {@code user@email.com} stays {@code user@email.com}. Anything else is
 * percent-encoded as UTF-8 bytes ({@code %} itself included, so two names never meet), a leading dot
 * too ({@code ..} becomes {@code %2E.}). An encoded name too long for a file system keeps a readable
 * prefix and ends in {@code ~} and a SHA-256 prefix of the original; {@code ~} never appears
 * otherwise. The empty name is {@code %}, which no encoding produces. The result never contains a
 * separator, is never {@code .} or {@code ..}, and never starts with a dot, which the store
 * reserves for its own lock and temp files.
 */
public final class FolderNames {

    /** Well under the usual 255-byte limit, leaving room for {@code -yyyy-MM-dd.json} and temp suffixes. */
    static final int MAX_LENGTH = 120;
    private static final int HASH_HEX = 32;

    private FolderNames() {
    }

    public static String encode(String name) {
        if (name.isEmpty()) {
            return "%";
        }
        StringBuilder out = new StringBuilder(name.length());
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (isSafe(b) && !(i == 0 && b == '.')) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (out.length() <= MAX_LENGTH) {
            return out.toString();
        }
        int cut = MAX_LENGTH - HASH_HEX - 1;
        // Never cut an escape in half: the prefix is only for people reading the folder.
        while (cut > 0 && out.lastIndexOf("%", cut - 1) > cut - 3) {
            cut--;
        }
        return out.substring(0, cut) + "~" + sha256(name).substring(0, HASH_HEX);
    }

    /**
     * The name a folder or file name stands for, or null when it cannot be told from the name
     * alone (a long name cut and hashed, or a name no encoding produces).
     */
    public static String decode(String encoded) {
        if (encoded.equals("%")) {
            return "";
        }
        if (encoded.indexOf('~') >= 0) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 128 && isSafe(c)) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isSafe(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '@' || b == '.' || b == '_' || b == '+' || b == '-';
    }

    private static String sha256(String name) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
