package dev.jobstate.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;

/**
 * The MXBean as a JMX client reads it: registered in an MBean server of the test's own (not the
 * JVM's platform server), every attribute of a plain open type, counts by outcome, latency
 * percentiles and the store's health as they are when asked.
 */
class AgentViewTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final AgentStats stats = new AgentStats(new LatencyWindow(1024, TimeUnit.MINUTES.toNanos(5), nanos::get));
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final AtomicBoolean outage = new AtomicBoolean();
    private final AgentView view = new AgentView(stats, new StoreHealth("postgres", failing::get, problem::get,
            outage::get));

    @Test
    void everyAttributeIsAPlainOpenTypeThatJconsoleAndExportersRead() throws Exception {
        assertTrue(MBeanExposure.register(server, view));

        MBeanInfo info = server.getMBeanInfo(name());
        assertEquals("true", info.getDescriptor().getFieldValue("mxbean"));
        MBeanAttributeInfo[] attributes = info.getAttributes();
        assertEquals(18, attributes.length);
        for (MBeanAttributeInfo attribute : attributes) {
            assertTrue(attribute.getDescriptor().getFieldValue("openType") instanceof SimpleType<?>,
                    attribute::toString);
            assertFalse(attribute.isWritable(), attribute::toString);
        }
    }

    @Test
    void callsAreCountedByHowTheyWent() throws Exception {
        MBeanExposure.register(server, view);
        count(ActivityOutcome.COMPLETED, 5);
        count(ActivityOutcome.FAILED, 2);
        count(ActivityOutcome.NOT_RECORDED, 1);
        count(ActivityOutcome.SKIPPED, 40);
        count(ActivityOutcome.SHARED, 3);
        count(ActivityOutcome.GIVEN_UP, 4);
        count(ActivityOutcome.QUARANTINED, 6);
        count(ActivityOutcome.IN_DOUBT, 7);
        count(ActivityOutcome.UNTRACKED, 8);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ActivitiesRun", 8L); // completed, failed, and the one whose result could not be recorded
        expected.put("ActivitiesCompleted", 5L);
        expected.put("ActivitiesFailed", 2L);
        expected.put("ActivitiesSkipped", 43L);
        expected.put("ActivitiesGivenUp", 4L);
        expected.put("ActivitiesQuarantined", 6L);
        expected.put("ActivitiesInDoubt", 7L);
        expected.put("ActivitiesUntracked", 8L);
        assertEquals(expected, read(expected.keySet()));
    }

    @Test
    void checkpointsAndTheirLatencyPercentilesOverTheRecentWindow() throws Exception {
        MBeanExposure.register(server, view);
        for (int ms = 1; ms <= 20; ms++) {
            stats.checkpointed(ms * MS);
        }
        stats.checkpointFailed();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Checkpoints", 20L);
        expected.put("CheckpointFailures", 1L);
        expected.put("CheckpointLatencyP50Millis", 10.0);
        expected.put("CheckpointLatencyP95Millis", 19.0);
        expected.put("CheckpointLatencyP99Millis", 20.0);
        expected.put("CheckpointLatencySamples", 20);
        assertEquals(expected, read(expected.keySet()));

        nanos.addAndGet(TimeUnit.MINUTES.toNanos(6));
        assertEquals(0, server.getAttribute(name(), "CheckpointLatencySamples"));
        assertEquals(0.0, server.getAttribute(name(), "CheckpointLatencyP99Millis"));
        assertEquals(20L, server.getAttribute(name(), "Checkpoints"), "counts are since the start");
    }

    @Test
    void theStoresHealthIsReadWhenAsked() throws Exception {
        MBeanExposure.register(server, view);
        assertEquals("postgres", server.getAttribute(name(), "Store"));
        assertEquals(true, server.getAttribute(name(), "SavingHealthy"));
        assertNull(server.getAttribute(name(), "LastProblem"));
        assertEquals(false, server.getAttribute(name(), "DatabaseOutage"));

        outage.set(true);
        failing.set(true);
        problem.set("cannot save /state/a/daily-2025-09-20.json: java.nio.file.AccessDeniedException: /state/a");
        assertEquals(true, server.getAttribute(name(), "DatabaseOutage"));
        assertEquals(false, server.getAttribute(name(), "SavingHealthy"));
        assertEquals(problem.get(), server.getAttribute(name(), "LastProblem"));

        failing.set(false);
        assertEquals(true, server.getAttribute(name(), "SavingHealthy"));
        assertEquals(problem.get(), server.getAttribute(name(), "LastProblem"), "the last problem stays readable");
    }

    @Test
    void aNameAlreadyTakenIsSaidOnceAndHurtsNothing() throws Exception {
        AgentView other = new AgentView(new AgentStats(new LatencyWindow(4, MS, nanos::get)),
                new StoreHealth("file", () -> false, () -> null, () -> false));
        assertTrue(MBeanExposure.register(server, view));

        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        boolean second;
        boolean third;
        try {
            second = MBeanExposure.register(server, other);
            third = MBeanExposure.register(server, other);
        } finally {
            System.setErr(original);
        }

        assertFalse(second);
        assertFalse(third);
        assertEquals(List.of("[jobstate] WARN the MBean dev.jobstate:type=Agent is already registered (another copy"
                + " of the jobstate agent in this JVM?); this copy's counters are not exposed. Activities are not"
                + " affected."), List.of(err.toString(StandardCharsets.UTF_8).split("\n")));
        count(ActivityOutcome.SKIPPED, 1);
        assertEquals(1L, server.getAttribute(name(), "ActivitiesSkipped"), "the first one stays");
        assertSame(null, server.getAttribute(name(), "LastProblem"));
    }

    private void count(ActivityOutcome outcome, int times) {
        for (int i = 0; i < times; i++) {
            stats.count(outcome);
        }
    }

    private Map<String, Object> read(Iterable<String> attributes) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : attributes) {
            values.put(attribute, server.getAttribute(name(), attribute));
        }
        return values;
    }

    private static ObjectName name() throws Exception {
        return new ObjectName(MBeanExposure.NAME);
    }
}
