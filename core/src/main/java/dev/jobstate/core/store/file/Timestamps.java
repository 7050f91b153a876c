package dev.jobstate.core.store.file;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The state files' timestamps, {@code 2025-09-20T10:30:00.000Z}, written and read without
 * java.time's formatters. A day file holds a timestamp per activity, every write reads and writes
 * them all, and operator scans read hundreds of thousands: {@code Instant.parse} builds a new
 * formatter on every call and cost more than the rest of a file's parsing.
 */
public final class Timestamps {

    // 1000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, as numbers: the first use of Instant.parse
    // or of any DateTimeFormatter initialises java.time's formatting, some 25 ms a bot would pay at
    // its first checkpoint (TimestampsTest checks them against Instant.parse).
    static final long FIRST = -30_610_224_000_000L;
    static final long LAST = 253_402_300_799_999L;

    private Timestamps() {
    }

    /** Whether {@code millis} since the epoch falls in years 1000 to 9999, which {@link #format} writes in 24 characters. */
    public static boolean inRange(long millis) {
        return millis >= FIRST && millis <= LAST;
    }

    /** {@link #inRange(long)} of an instant, which may be far beyond what epoch millis can hold. */
    static boolean inRange(Instant at) {
        long seconds = at.getEpochSecond();
        return seconds >= Math.floorDiv(FIRST, 1000) && seconds <= Math.floorDiv(LAST, 1000);
    }

    /** Millisecond precision, UTC, always 24 characters for years 1000 to 9999. */
    static String format(Instant at) {
        long millis = at.toEpochMilli();
        if (millis < FIRST || millis > LAST) {
            return Fallback.FORMAT.format(at);
        }
        long days = Math.floorDiv(millis, 86_400_000L);
        int ofDay = (int) Math.floorMod(millis, 86_400_000L);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] out = new char[24];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, ofDay / 3_600_000, 2);
        out[13] = ':';
        digits(out, 14, ofDay / 60_000 % 60, 2);
        out[16] = ':';
        digits(out, 17, ofDay / 1000 % 60, 2);
        out[19] = '.';
        digits(out, 20, ofDay % 1000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    /**
     * Reads the form {@link #format} writes quickly, and any other ISO-8601 instant (a hand edit
     * without milliseconds, say) the slow way.
     *
     * @throws DateTimeParseException when it is no instant at all
     */
    static Instant parse(String text) {
        if (text.length() == 24 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.'
                && text.charAt(23) == 'Z') {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int milli = number(text, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60 && milli >= 0
                    && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochMilli(epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L
                        + second * 1000L + milli);
            }
        }
        return Instant.parse(text);
    }

    /** Only for years before 1000 or after 9999, which no clock of a running bot gives. */
    private static final class Fallback {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    }

    /** The decimal number in {@code text} at {@code from}, or -1 when a character is no digit. */
    public static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
