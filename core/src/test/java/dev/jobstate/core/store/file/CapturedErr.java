package dev.jobstate.core.store.file;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what jobstate says on {@code System.err} while open. Surefire runs this module's test
 * classes one at a time, so swapping the global stream is safe here.
 */
final class CapturedErr implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private CapturedErr() {
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    static CapturedErr start() {
        return new CapturedErr();
    }

    synchronized List<String> lines() {
        System.err.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** Our warning lines: {@code [jobstate] WARN ...}. */
    List<String> warnings() {
        return lines().stream().filter(line -> line.startsWith("[jobstate] WARN")).toList();
    }

    /** Our lines saying state is saved again. */
    List<String> recoveries() {
        return lines().stream()
                .filter(line -> line.startsWith("[jobstate] INFO") && line.contains("saved again")).toList();
    }

    synchronized void reset() {
        bytes.reset();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
