package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.callAsAdvice;
import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.Activity;
import dev.jobstate.InDoubtException;
import dev.jobstate.core.engine.EngineCalls.MovableClock;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Activity(once = true)} against real state files: its start is durable before its body
 * runs; a start that no outcome follows (the process died) leaves it in doubt, so the next run
 * throws {@link InDoubtException} instead of running it, until an operator marks or unmarks it.
 * A new engine and store on the same folder stand for the next process.
 */
@ExtendWith(CleanThreadContext.class)
class OnceEngineTest {

    static class Bot {
        @Activity(type = "payments", once = true)
        String pay() {
            return null;
        }

        @Activity(type = "payments")
        void ordinary() {
        }

        @Activity(type = "payments", once = true, retries = 2, backoff = "1ms")
        void payWithRetries() {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final String ACCOUNT = "user@email.com";
    private static final DayKey TODAY = new DayKey(ACCOUNT, "payments", LocalDate.parse("2025-09-20"));

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger runs = new AtomicInteger();

    private ActivityEngine newProcess() {
        return new ActivityEngine(config(ZoneOffset.UTC, ACCOUNT), store(), clock);
    }

    private FileStateStore store() {
        return new FileStateStore(stateDir, clock, new PersistenceHealth());
    }

    private Object call(ActivityEngine engine, String method, Callable<?> body) throws Exception {
        return callAsAdvice(engine, site(Bot.class, method), new Bot(), runs, body);
    }

    /** A process that dies inside the body of {@code pay}: enter ran, the body started, exit never came. */
    private void dieInsidePay() {
        ActivityEngine engine = newProcess();
        Object token = engine.enter(site(Bot.class, "pay"), new Bot(), new Object[0]);
        assertInstanceOf(Run.class, token, "the body is about to run");
        CleanThreadContext.forget(); // the thread of a dead process carries nothing into the next one
    }

    private JsonNode day() throws IOException {
        return new ObjectMapper().readTree(stateDir.resolve(ACCOUNT + "/payments-2025-09-20.json").toFile());
    }

    @Test
    void theStartIsOnDiskBeforeTheBodyRunsAndTheOutcomeClearsIt() throws Exception {
        ActivityEngine engine = newProcess();
        AtomicReference<JsonNode> seenByBody = new AtomicReference<>();

        Object paid = call(engine, "pay", () -> {
            seenByBody.set(day());
            return "receipt-1";
        });

        assertEquals("receipt-1", paid);
        assertEquals("2025-09-20T10:30:00.000Z", seenByBody.get().at("/started/pay").textValue(),
                "the body ran only once its start was durable");
        JsonNode after = day();
        assertTrue(after.path("started").isMissingNode(), "an outcome settles the start: " + after);
        assertEquals("pay", after.at("/completed/0").textValue());
        assertEquals("receipt-1", newProcessCallOfPay(), "the next run skips it and replays the receipt");
        assertEquals(1, runs.get());
    }

    private Object newProcessCallOfPay() throws Exception {
        return call(newProcess(), "pay", () -> "receipt-2");
    }

    @Test
    void aStartWithoutAnOutcomeIsInDoubtAndTheNextRunDoesNotRunIt() throws Exception {
        dieInsidePay();
        clock.set(NOW.plusSeconds(60));

        InDoubtException doubt = assertThrows(InDoubtException.class, this::newProcessCallOfPay);

        assertEquals(0, runs.get(), "not run again: it may have happened");
        assertEquals(ACCOUNT, doubt.getAccount());
        assertEquals("payments", doubt.getType());
        assertEquals("pay", doubt.getId());
        assertEquals(NOW, doubt.getStartedAt());
        assertTrue(doubt.getMessage().contains("jobstate mark"), doubt.getMessage());
        assertEquals("2025-09-20T10:30:00.000Z", day().at("/started/pay").textValue(), "still in doubt, and still on disk");
        assertEquals("pay", day().at("/remaining/0").textValue(), "it is not done");
        assertThrows(InDoubtException.class, this::newProcessCallOfPay, "every call, until an operator settles it");
    }

    @Test
    void anOperatorsMarkSaysItHappened() throws Exception {
        dieInsidePay();
        store().checkpoint(TODAY, new Mutation.Marked("pay", NOW.plusSeconds(30)));

        assertNull(newProcessCallOfPay(), "skipped: marked by hand, so there is no receipt to replay");

        assertEquals(0, runs.get());
        assertTrue(day().path("started").isMissingNode());
    }

    @Test
    void anOperatorsUnmarkSaysRunItAgain() throws Exception {
        dieInsidePay();
        store().checkpoint(TODAY, new Mutation.Unmarked("pay", NOW.plusSeconds(30)));
        clock.set(NOW.plusSeconds(60));

        assertEquals("receipt-2", newProcessCallOfPay());

        assertEquals(1, runs.get());
        assertTrue(day().path("started").isMissingNode());
        assertEquals("pay", day().at("/completed/0").textValue());
    }

    @Test
    void aCallThatThrowsEndedSoItIsNotInDoubtAndRunsAgain() throws Exception {
        ActivityEngine engine = newProcess();
        assertThrows(IOException.class, () -> call(engine, "pay", () -> {
            throw new IOException("card declined");
        }));
        assertTrue(day().path("started").isMissingNode(), "a failure is an outcome");

        assertEquals("receipt-2", newProcessCallOfPay());
        assertEquals(2, runs.get());
    }

    @Test
    void eachRetryRecordsItsOwnStart() throws Exception {
        ActivityEngine engine = newProcess();
        AtomicInteger startsSeen = new AtomicInteger();

        call(engine, "payWithRetries", () -> {
            if (day().at("/started/payWithRetries").isTextual()) {
                startsSeen.incrementAndGet();
            }
            if (runs.get() < 3) {
                throw new IOException("timeout " + runs.get());
            }
            return null;
        });

        assertEquals(3, startsSeen.get(), "each attempt ran with its start on disk");
        assertEquals(2, day().at("/failures/payWithRetries/attempts").intValue());
        assertTrue(day().path("started").isMissingNode());
    }

    @Test
    void anOrdinaryActivityRecordsNoStartAndAnInterruptedOneRunsAgain() throws Exception {
        ActivityEngine dying = newProcess();
        Object token = dying.enter(site(Bot.class, "ordinary"), new Bot(), new Object[0]);
        assertInstanceOf(Run.class, token);
        CleanThreadContext.forget();

        call(newProcess(), "ordinary", () -> null);

        assertEquals(1, runs.get());
        assertFalse(day().has("started"));
    }

    @Test
    void aFileWithoutStartsReadsAsBeforeAndAStartIsAnExtraFieldAfterTheSeedsSix() throws Exception {
        dieInsidePay();
        JsonNode file = day();
        assertEquals(List.of("date", "account", "type", "completed", "remaining", "lastUpdate", "started"),
                fieldNames(file));
        Files.writeString(stateDir.resolve(ACCOUNT + "/payments-2025-09-20.json"), "{\"date\": \"2025-09-20\","
                + " \"account\": \"" + ACCOUNT + "\", \"type\": \"payments\", \"completed\": [],"
                + " \"remaining\": [\"pay\"], \"lastUpdate\": \"2025-09-20T10:00:00Z\"}");

        assertEquals("receipt-2", newProcessCallOfPay(), "a file from before once existed has no start: it runs");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
