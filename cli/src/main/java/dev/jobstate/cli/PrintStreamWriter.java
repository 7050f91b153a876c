package dev.jobstate.cli;

import java.io.PrintStream;
import java.io.Writer;

/**
 * A {@link Writer} onto a {@link PrintStream} that leaves the encoding to the stream: the commands'
 * output through {@code System.out} keeps the encoding it has always had (a {@code PrintWriter} on
 * the bare stream would pick the default charset, which on JDK 18+ is not the terminal's).
 */
final class PrintStreamWriter extends Writer {

    private final PrintStream stream;

    PrintStreamWriter(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        stream.print(new String(chars, offset, length));
    }

    @Override
    public void write(String text, int offset, int length) {
        stream.print(text.substring(offset, offset + length));
    }

    @Override
    public void flush() {
        stream.flush();
    }

    /** Flushes only: the stream is not ours to close. */
    @Override
    public void close() {
        stream.flush();
    }
}
