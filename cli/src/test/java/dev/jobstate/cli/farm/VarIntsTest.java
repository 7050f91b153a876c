package dev.jobstate.cli.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The report's numbers in as few bytes as they need: each read back as written, a torn one refused. */
class VarIntsTest {

    private static final long[] VALUES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 300, 1_161, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 1_764_547_200_123_456_789L, Long.MAX_VALUE, Long.MIN_VALUE};

    @Test
    void signedNumbersReadBackAsWritten() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (long value : VALUES) {
            VarInts.writeSigned(out, value);
        }
        VarInts.Reader in = new VarInts.Reader(bytes.toByteArray(), 0, bytes.size());

        for (long value : VALUES) {
            assertEquals(value, in.signed());
        }
        assertEquals(true, in.atEnd());
    }

    @Test
    void smallNumbersTakeOneByteAndMillisecondsTwo() throws IOException {
        assertEquals(1, unsignedSize(127));
        assertEquals(2, unsignedSize(1_161));
        assertEquals(10, unsignedSize(-1));
    }

    @Test
    void aTornNumberOrACountBeyondTheBytesIsRefused() throws IOException {
        byte[] torn = {(byte) 0x80, (byte) 0x80};
        assertThrows(IllegalArgumentException.class, () -> new VarInts.Reader(torn, 0, torn.length).unsigned());

        byte[] count = {100, 1, 2};
        assertThrows(IllegalArgumentException.class, () -> new VarInts.Reader(count, 0, count.length).count());
        byte[] index = {5};
        assertThrows(IllegalArgumentException.class, () -> new VarInts.Reader(index, 0, 1).index(5));
    }

    private static int unsignedSize(long value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VarInts.writeUnsigned(new DataOutputStream(bytes), value);
        return bytes.size();
    }
}
