package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.ResultFixtures.declared;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.core.engine.ResultFixtures.Offer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.TestPublisher;

/**
 * What the codec refuses when a result is recorded, and how: a message that names what was returned
 * and says what to return instead, and the value left exactly as the method returned it.
 */
class ResultCodecRefusalTest {

    private final ResultCodec codec = new ResultCodec();

    /** A bean whose getter does work: recording must not call it. */
    static class Tally {
        private int count = 5;
        private int reads;

        public int getCount() {
            reads++;
            return count;
        }
    }

    static class DiscountedOffer extends Offer {
        private Supplier<String> label = () -> "10% off";
    }

    /** Neither a record nor a class with a no-arg constructor: it cannot be created again. */
    static final class Pair {
        private final String left;
        private final String right;

        Pair(String left, String right) {
            this.left = left;
            this.right = right;
        }
    }

    static class Cached {
        private String id = "o1";
        private transient String summary;

        Cached summarized() {
            summary = id + ": 10 points";
            return this;
        }
    }

    /** A bean without equals and hashCode: a HashSet of them cannot be replayed equal. */
    static class Tag {
        private String name = "new";
    }

    /** Iterable but not a Collection: iterating it may fetch the next page. */
    static class Pages implements Iterable<String> {
        private final List<String> pages = List.of("p1", "p2");

        @Override
        public Iterator<String> iterator() {
            return pages.iterator();
        }
    }

    /** Something the host's own code holds and reads after the activity returns. */
    static class Holder {
        private InputStream body = new ByteArrayInputStream(new byte[] {1, 2, 3});
    }

    @SuppressWarnings("unused")
    interface Declared {
        Path path();

        Tally tally();

        AtomicInteger counter();
    }

    private static Type declaredHere(String method) throws NoSuchMethodException {
        return Declared.class.getMethod(method).getGenericReturnType();
    }

    private IllegalArgumentException refused(Object value, Type declared) {
        return assertThrows(IllegalArgumentException.class, () -> codec.record(value, declared));
    }

    private static void assertSays(IllegalArgumentException refusal, String... parts) {
        for (String part : parts) {
            assertTrue(refusal.getMessage().contains(part), "\"" + part + "\" is not in: " + refusal.getMessage());
        }
    }

    @Test
    void aStreamReturnedAsObjectIsRefusedAndStillFullyConsumable() {
        Stream<Integer> stream = Stream.of(1, 2, 3);

        assertSays(refused(stream, Object.class), "a Stream cannot be stored", "return a List instead");

        assertEquals(List.of(1, 2, 3), stream.toList());
    }

    @Test
    void anIteratorReturnedAsObjectIsRefusedAndStillFullyConsumable() {
        Iterator<String> iterator = List.of("a", "b").iterator();

        assertSays(refused(iterator, Object.class), "an Iterator cannot be stored", "return a List of its elements");

        List<String> rest = new ArrayList<>();
        iterator.forEachRemaining(rest::add);
        assertEquals(List.of("a", "b"), rest);
    }

    @Test
    void anIteratorInsideAListIsRefusedWhereItIsAndStillFullyConsumable() {
        Iterator<String> iterator = List.of("a", "b").iterator();

        assertSays(refused(List.of("before", iterator), Object.class), "at [1] it is an Iterator");

        assertTrue(iterator.hasNext());
        assertEquals("a", iterator.next());
    }

    @Test
    void anInputStreamInABeanIsRefusedWhereItIsAndNotRead() throws Exception {
        Holder holder = new Holder();

        assertSays(refused(holder, Object.class), "a Holder cannot be stored", "at body it is an open input",
                "(a String or a byte[]) instead");

        assertArrayEquals(new byte[] {1, 2, 3}, holder.body.readAllBytes());
    }

    static Stream<Arguments> valuesThatRecordingWouldConsume() {
        return Stream.of(
                Arguments.of(IntStream.range(0, 3), "a Stream", "stream.toList()"),
                Arguments.of(List.of(1).spliterator(), "a Spliterator", "a List of its elements"),
                Arguments.of(Collections.enumeration(List.of(1)), "an Enumeration", "a List of its elements"),
                Arguments.of(new StringReader("text"), "an open input", "a String or a byte[]"),
                Arguments.of(Channels.newChannel(new ByteArrayInputStream(new byte[1])), "an open Channel",
                        "what you read from it"),
                Arguments.of(new CompletableFuture<String>(), "a Future", "future.get()"),
                Arguments.of(new SubmissionPublisher<String>(), "a Publisher", "as a List"),
                Arguments.of(new TestPublisher(), "a Publisher", "as a List"),
                Arguments.of(new Pages(), "an Iterable that is not a Collection", "return a List"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("valuesThatRecordingWouldConsume")
    void aValueThatRecordingWouldConsumeIsRefusedWithWhatToReturnInstead(Object value, String kind, String instead) {
        assertSays(refused(value, Object.class), "it is " + kind, instead);
    }

    @Test
    void aPathIsIterableButStoredLikeAnyValue() throws Exception {
        Path path = Path.of("/var/bots/sessions").toAbsolutePath();

        assertEquals(path, codec.replay(codec.record(path, declaredHere("path")), declaredHere("path"),
                getClass().getClassLoader()));
    }

    @Test
    void aBeanGetterWithASideEffectIsNotCalled() throws Exception {
        Tally tally = new Tally();

        Object replayed = codec.replay(codec.record(tally, declaredHere("tally")), declaredHere("tally"),
                getClass().getClassLoader());

        assertEquals(0, tally.reads);
        assertEquals(5, ((Tally) replayed).count);
        assertEquals(0, ((Tally) replayed).reads);
    }

    @Test
    void aFieldHoldingALambdaIsRefusedNamingTheClassAndTheField() {
        assertSays(refused(new DiscountedOffer(), declared("offer")), "a DiscountedOffer cannot be stored",
                "at label it is a lambda", "return a record or a class with a no-arg constructor");
    }

    @Test
    void aClassThatCannotBeCreatedAgainIsRefused() {
        assertSays(refused(new Pair("a", "b"), Object.class), "a Pair cannot be stored", "does not read back",
                "return a record or a class with a no-arg constructor");
    }

    @Test
    void aTransientFieldThatWouldReplayEmptyIsRefused() {
        assertSays(refused(new Cached().summarized(), Object.class), "a Cached cannot be stored",
                "at summary it replays as null, not \"o1: 10 points\"", "fields hold all of its state");
    }

    @Test
    void aHashSetOfBeansWithoutEqualsIsRefused() {
        assertSays(refused(new HashSet<>(List.of(new Tag())), Object.class), "a HashSet cannot be stored",
                "must define equals and hashCode");
    }

    @Test
    void aMapWithNumberKeysReturnedAsObjectIsRefusedBecauseItsKeysWouldReplayAsText() {
        assertSays(refused(new HashMap<>(Map.of(1, "one")), Object.class), "a HashMap cannot be stored",
                "map keys are stored as text", "declared as the method's return type");
    }

    @Test
    void aJdkClassWithoutValueEqualityIsRefused() throws Exception {
        assertSays(refused(new AtomicInteger(3), declaredHere("counter")), "an AtomicInteger cannot be stored",
                "does not define equals");
    }

    @Test
    void aJdkClassWithNoJsonFormIsRefused() {
        assertSays(refused(new Object(), Object.class), "an Object cannot be stored", "a JDK class with no JSON form");
    }

    @Test
    void aJdkClassOutsideTheStorableOnesIsRefusedWhereItsClassWouldHaveToBeStored() {
        assertSays(refused(List.of(URI.create("https://example.com")), Object.class), "a List cannot be stored",
                "java.net.URI", "does not read back");
    }

    @Test
    void anAnonymousClassIsRefused() {
        Object anonymous = new Object() {
            private final int points = 3;
        };

        assertSays(refused(anonymous, Object.class), "cannot be stored", "it is an anonymous class",
                "return a record or a named class");
    }
}
