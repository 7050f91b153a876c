package dev.jobstate.core.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Flight Recorder recording in the test's own JVM, made with the settings file the repository
 * ships ({@code jfr/jobstate.jfc}, named by the build in {@code jobstate.test.jfrSettings}), as an
 * operator would record a bot.
 */
public final class JfrRecording implements AutoCloseable {

    public static final String ACTIVITY = ActivityEvent.NAME;
    public static final String CHECKPOINT = CheckpointEvent.NAME;

    private final Recording recording;
    private final Path file;

    private JfrRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    public static JfrRecording start() {
        try {
            Configuration settings = Configuration.create(shippedSettings());
            Recording recording = new Recording(settings);
            Path file = Files.createTempFile("jobstate-test-", ".jfr");
            recording.start();
            return new JfrRecording(recording, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("jfr/jobstate.jfc does not parse", e);
        }
    }

    public static Path shippedSettings() {
        String path = System.getProperty("jobstate.test.jfrSettings");
        if (path == null) {
            throw new IllegalStateException("run through Maven, which names the settings file in jobstate.test.jfrSettings");
        }
        return Path.of(path);
    }

    /** Stops the recording and returns its events of type {@code name}, in the order they ended. */
    public List<RecordedEvent> stop(String name) {
        recording.stop();
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals(name))
                    .sorted(Comparator.comparing(RecordedEvent::getEndTime)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the recording and returns all its events. */
    public List<RecordedEvent> stopAll() {
        recording.stop();
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        recording.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind.
        }
    }
}
