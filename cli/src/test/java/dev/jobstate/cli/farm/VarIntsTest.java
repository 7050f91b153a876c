package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The report's numbers in as few bytes as they need: each read back as written, a torn one refused. */
class VarIntsTest {

    private static final long[] VALUES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 300, 1_161, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 1_764_547_200_123_456_789L, Long.MAX_VALUE, Long.MIN_VALUE};

    @Test
    void numbersReadBackAsWritten() {
        VarInts.Writer out = new VarInts.Writer(1);
        for (long value : VALUES) {
            out.signed(value);
            out.fixedLong(value);
            out.fixedInt((int) value);
        }
        VarInts.Reader in = new VarInts.Reader(out.toByteArray(), 0, out.size());

        for (long value : VALUES) {
            assertEquals(value, in.signed());
            assertEquals(value, in.fixedLong());
            assertEquals((int) value, in.fixedInt());
        }
        assertTrue(in.atEnd());
    }

    @Test
    void smallNumbersTakeOneByteAndMillisecondsTwo() {
        assertEquals(1, unsignedSize(127));
        assertEquals(2, unsignedSize(1_161));
        assertEquals(10, unsignedSize(-1));
    }

    @Test
    void aTornNumberOrACountBeyondTheBytesIsRefused() {
        byte[] torn = {(byte) 0x80, (byte) 0x80};
        assertThrows(IllegalArgumentException.class, () -> new VarInts.Reader(torn, 0, torn.length).unsigned());

        byte[] count = {100, 1, 2};
        assertThrows(IllegalArgumentException.class, () -> new VarInts.Reader(count, 0, count.length).count());
        byte[] index = {5};
        assertThrows(IllegalArgumentException.class, () -> new VarInts.Reader(index, 0, 1).index(5));
    }

    private static int unsignedSize(long value) {
        VarInts.Writer out = new VarInts.Writer(1);
        out.unsigned(value);
        return out.size();
    }
}
