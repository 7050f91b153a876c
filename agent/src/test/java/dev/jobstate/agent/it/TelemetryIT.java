package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an operator's tools see of a real bot: a Flight Recorder recording made with the settings
 * file the repository ships ({@code jfr/jobstate.jfc}) holds one event per activity call and one
 * per durable write, and nothing else; the MXBean {@code dev.jobstate:type=Agent} is there once
 * activities ran, read through the bot's own platform MBean server as jconsole would, and is never
 * there in a host without our annotations. A recording started while the bot runs gets the calls
 * after it.
 */
class TelemetryIT {

    private static final String UNTRACKED_LINE = "[jobstate] ERROR cannot tell which activity a call of"
            + " bots.TelemetryBot.lost(String) is: argument 0 (a java.lang.String) has no property 'noSuchProperty':"
            + " no method noSuchProperty() or getNoSuchProperty(), no field noSuchProperty; such calls run untracked.";

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aRecordingWithTheShippedSettingsHoldsEveryActivityCallAndEveryDurableWrite(Jdk jdk, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);

        Path first = ws.path("first.jfr");
        Result run = recorded(jdk, ws, first).run();
        assertClean(run);
        assertEquals(List.of("daily", "broken", "lost", "pay"), run.ran(), run::describe);
        List<RecordedEvent> events = RecordingFile.readAllEvents(first);
        assertOnlyOurs(events);
        assertEquals(List.of("daily completed 1", "daily skipped 0", "broken failed 1", "broken given up 0",
                        "null untracked 0", "pay completed 1"), calls(events),
                () -> "one event per call, in the order they ended\n" + describe(events));
        for (RecordedEvent call : ofType(events, "dev.jobstate.Activity")) {
            assertTrue(call.getString("method").startsWith("bots.TelemetryBot."), call::toString);
            assertTrue(call.getDuration().toNanos() > 0, call::toString);
            if (!"untracked".equals(call.getString("outcome"))) {
                assertEquals("default", call.getString("account"), call::toString);
                assertEquals("telemetry", call.getString("type"), call::toString);
            }
        }
        // daily's and broken's outcomes, pay's start (a once activity), then pay's outcome.
        List<RecordedEvent> writes = ofType(events, "dev.jobstate.Checkpoint");
        assertEquals(4, writes.size(), () -> describe(events));
        long fileBytes = ws.stateFile("default", "telemetry").toFile().length();
        for (RecordedEvent write : writes) {
            assertEquals("file", write.getString("store"), write::toString);
            assertEquals(1, write.getInt("batchSize"), write::toString);
            assertTrue(write.getBoolean("succeeded"), write::toString);
            assertTrue(write.getLong("bytes") > 50, () -> "a state file's size\n" + write);
            Duration sync = write.getDuration("syncTime");
            assertTrue(sync.toNanos() > 0, write::toString);
            // Two clocks (the recorder's and System.nanoTime) measure the write and its fsyncs.
            assertTrue(sync.compareTo(write.getDuration().plusMillis(1)) <= 0, () -> "fsync within the write\n" + write);
        }
        assertEquals(fileBytes, writes.get(writes.size() - 1).getLong("bytes"), () -> describe(events));

        Path second = ws.path("second.jfr");
        Result again = recorded(jdk, ws, second).run();
        assertClean(again);
        assertEquals(List.of("lost"), again.ran(), again::describe);
        List<RecordedEvent> next = RecordingFile.readAllEvents(second);
        assertOnlyOurs(next);
        assertEquals(List.of("daily skipped 0", "daily skipped 0", "broken given up 0", "broken given up 0",
                "null untracked 0", "pay skipped 0"), calls(next), () -> describe(next));
        assertEquals(List.of(), ofType(next, "dev.jobstate.Checkpoint"), "nothing ran, nothing was written");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aRecordingStartedWhileTheBotRunsHoldsTheCallsAfterItAndTheEventsLoadOnlyThen(Jdk jdk, TestInfo test)
            throws IOException {
        Workspace ws = Workspace.fresh(test, jdk);
        Path recording = ws.path("late.jfr");

        Result run = ChildJvm.on(jdk, ws.dir).jvmFlag("-Xlog:class+load=info")
                .main("bots.LateRecordingBot", ItEnv.jfrSettings().toString(), recording.toString()).run();

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of(), run.ourStderr(), run::describe);
        assertEquals(List.of("first", "second"), run.ran(), run::describe);
        int started = run.stdout().indexOf("RECORDING");
        int loaded = indexOfLineContaining(run.stdout(), "dev.jobstate.core.telemetry.ActivityEvent ");
        assertTrue(started >= 0 && loaded > started, () -> "an event class loads only once the recorder runs: loading"
                + " it sets up the recorder's metadata, which a bot nobody records must not pay for (line " + loaded
                + ", recording started at line " + started + ")");
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        assertOnlyOurs(events);
        assertEquals(List.of("first skipped 0", "second completed 1"), calls(events), () -> describe(events));
        assertEquals(1, ofType(events, "dev.jobstate.Checkpoint").size(), () -> describe(events));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void theMBeanCountsWhatTheBotDidAndSaysTheStoreIsHealthy(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result run = ChildJvm.on(jdk, ws.dir).main("bots.TelemetryBot", "--mbean").run();

        assertClean(run);
        Map<String, String> mbean = attributes(run);
        assertEquals("3", mbean.get("ActivitiesRun"), run::describe);
        assertEquals("2", mbean.get("ActivitiesCompleted"), run::describe);
        assertEquals("1", mbean.get("ActivitiesFailed"), run::describe);
        assertEquals("1", mbean.get("ActivitiesSkipped"), run::describe);
        assertEquals("1", mbean.get("ActivitiesGivenUp"), run::describe);
        assertEquals("0", mbean.get("ActivitiesQuarantined"), run::describe);
        assertEquals("0", mbean.get("ActivitiesInDoubt"), run::describe);
        assertEquals("1", mbean.get("ActivitiesUntracked"), run::describe);
        assertEquals("3", mbean.get("Checkpoints"), () -> "three outcomes (a once activity's start is none)\n"
                + run.describe());
        assertEquals("0", mbean.get("CheckpointFailures"), run::describe);
        assertEquals("3", mbean.get("CheckpointLatencySamples"), run::describe);
        double p50 = Double.parseDouble(mbean.get("CheckpointLatencyP50Millis"));
        double p95 = Double.parseDouble(mbean.get("CheckpointLatencyP95Millis"));
        double p99 = Double.parseDouble(mbean.get("CheckpointLatencyP99Millis"));
        assertTrue(p50 > 0 && p50 <= p95 && p95 <= p99, run::describe);
        assertEquals("true", mbean.get("SavingHealthy"), run::describe);
        assertEquals("null", mbean.get("LastProblem"), run::describe);
        assertEquals("file", mbean.get("Store"), run::describe);
        assertEquals("false", mbean.get("DatabaseOutage"), run::describe);
        assertEquals(18, mbean.size(), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void theMBeanSaysSavingFailsAndWhyWhenTheStateFolderCannotBeMade(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);
        ws.write("blocked", "a file where the state folder's parent should be\n");
        ws.write("config.json", "{\"jobState\": {\"dir\": \"blocked/state\"}}");

        Result run = ChildJvm.on(jdk, ws.dir).main("bots.TelemetryBot", "--mbean").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().contains("DONE"), run::describe);
        Map<String, String> mbean = attributes(run);
        assertEquals("false", mbean.get("SavingHealthy"), run::describe);
        assertTrue(mbean.get("LastProblem").startsWith("cannot save " + ws.path("blocked/state/default/telemetry-")),
                run::describe);
        assertTrue(mbean.get("LastProblem").endsWith("Not a directory"), run::describe);
        assertEquals("0", mbean.get("Checkpoints"), run::describe);
        assertEquals("3", mbean.get("CheckpointFailures"), run::describe);
        assertEquals("3", mbean.get("ActivitiesRun"), () -> "the bot's work goes on\n" + run.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Jdk.ALL)
    void aHostWithoutOurAnnotationsNeverSeesTheMBean(Jdk jdk, TestInfo test) {
        Workspace ws = Workspace.fresh(test, jdk);

        Result run = ChildJvm.on(jdk, ws.dir).main("bots.NoAnnotationsBot").debug().run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.ourLines("DEBUG").stream().anyMatch(l -> l.contains("attached")),
                () -> "the agent is there\n" + run.describe());
        assertEquals(List.of("absent 0"), run.lines("MBEAN"), run::describe);
        assertEquals(List.of("working", "MBEAN absent 0", "DONE"), run.stdout(), run::describe);
        assertFalse(ws.stateDir().toFile().exists(), "jobstate never started");
    }

    private static int indexOfLineContaining(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static ChildJvm recorded(Jdk jdk, Workspace ws, Path recording) {
        return ChildJvm.on(jdk, ws.dir).main("bots.TelemetryBot")
                .jvmFlag("-XX:StartFlightRecording:settings=" + ItEnv.jfrSettings() + ",filename=" + recording);
    }

    /** Each activity event as {@code <id> <outcome> <attempts>}, in the order the calls ended. */
    private static List<String> calls(List<RecordedEvent> events) {
        return ofType(events, "dev.jobstate.Activity").stream()
                .map(e -> e.getString("activityId") + " " + e.getString("outcome") + " " + e.getInt("attempts"))
                .toList();
    }

    private static List<RecordedEvent> ofType(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name))
                .sorted(Comparator.comparing(RecordedEvent::getEndTime)).toList();
    }

    /** The shipped settings record jobstate's events and nothing of the JDK's. */
    private static void assertOnlyOurs(List<RecordedEvent> events) {
        assertEquals(List.of(), events.stream().map(e -> e.getEventType().getName())
                .filter(name -> !name.startsWith("dev.jobstate.")).distinct().toList());
    }

    private static Map<String, String> attributes(Result run) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : run.lines("MBEAN")) {
            int space = line.indexOf(' ');
            values.put(line.substring(0, space), line.substring(space + 1));
        }
        return values;
    }

    private static String describe(List<RecordedEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e).append('\n'));
        return text.toString();
    }

    private static void assertClean(Result run) {
        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().contains("DONE"), run::describe);
        assertEquals(List.of(UNTRACKED_LINE), run.ourStderr(), run::describe);
    }
}
