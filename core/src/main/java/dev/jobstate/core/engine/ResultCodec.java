package dev.jobstate.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Turns an activity's result into JSON to record, and back into the value a skipped call returns.
 * The promise: <b>a replayed value is equal to the one the method returned, and of the same class,
 * at every level</b>; a result that cannot keep it is refused when it is recorded, with a message
 * saying what to return instead.
 *
 * <h2>Stored forms</h2>
 * <p><b>Plain</b>, whenever it replays faithfully (the common case): the result's shape and nothing
 * else, read back as the method's declared generic return type. Records and beans are objects of
 * their fields, collections arrays, maps objects, {@code java.time} values ISO text with their zone
 * or offset ({@code "2025-09-20T10:30:00+02:00[Europe/Paris]"}), {@code BigDecimal}s text
 * ({@code "1.50"}: as a JSON number a state file would read it back as a double), other numbers
 * numbers: {@code {"offerId": "o1", "points": 10}}. Results recorded before this form existed are
 * read the same way, numbers for {@code BigDecimal}s included.
 *
 * <p><b>Typed</b>, when the declared type does not decide the classes: a subclass of it, a generic
 * {@code T}, a {@code List<Animal>} of dogs and cats, a {@code LinkedHashMap} declared {@code Map}.
 * It is one object whose only field is {@value #TYPED}, holding the value with a class name wherever
 * the declared type leaves the class open ({@link StoredTyping}):
 * <pre>{"@jobstate.typed": ["com.example.PremiumOffer", {"offerId": "o1", "points": 10, "bonus": 5}]}</pre>
 * Java names cannot contain {@code @}, so only a map could hold such a key, and a map that does is
 * stored typed itself (the check below finds that its plain form would not replay).
 *
 * <h2>What recording checks</h2>
 * Before it returns a form, {@link #record} reads it back as {@link #replay} will, from the JSON as
 * PostgreSQL's jsonb would return it ({@link JsonbNumbers}), and compares the two values with
 * {@link FaithfulCheck} (class-exact, field by field, not trusting {@code equals}); plain first, then
 * typed, then it refuses. (A number, boolean or string returned as its own declared type skips the
 * check, which could only agree: {@link PlainScalars}.) It never changes the value: classes are read
 * through their fields, not getters, and values that reading would consume (streams, iterators,
 * inputs) are refused untouched
 * ({@link Unstorable}).
 *
 * <p>The JDK's non-public collections ({@code List.of}, {@code Arrays.asList},
 * {@code Collections.unmodifiableMap}, {@code stream.toList()}...) replay as the public class their
 * interface replays as: {@code ArrayList}, {@code HashSet}, {@code HashMap}, {@code TreeSet},
 * {@code TreeMap}. Equal, with elements of the same classes, and mutable. ({@code Map} replays as
 * {@code HashMap}, the map most code builds, where it used to be a {@code LinkedHashMap}.)
 *
 * <p>Class names read back are resolved through the host's loader and restricted by
 * {@link StoredClassRule}, so that whoever can write state files cannot make jobstate create
 * arbitrary classes.
 */
public final class ResultCodec {

    /** A bigger result is not recorded: state files must stay small enough to read back quickly. */
    static final int MAX_RESULT_BYTES = 256 * 1024;

    /**
     * A result with more arrays and objects nested in each other is not recorded: state files are
     * read with a nesting limit (200), and a result sits two levels down in its file, so a much
     * deeper one would make the whole file unreadable.
     */
    static final int MAX_RESULT_DEPTH = 100;

    /** The only field of a typed result. */
    static final String TYPED = "@jobstate.typed";

    private static final String WHAT_TO_RETURN = "return a record or a class with a no-arg constructor whose"
            + " fields hold all of its state (or a List, Set, Map or Optional of them), declared as the"
            + " method's return type";

    /**
     * The JSON to store for {@code value}, which a method declared to return {@code declared} returned.
     *
     * @throws IllegalArgumentException saying why {@code value} cannot be recorded faithfully
     */
    public JsonNode record(Object value, Type declared) {
        JsonNode scalar = PlainScalars.stored(value, declared);
        return scalar != null ? scalar : checked(value, declared);
    }

    /** {@link #record} by writing the value and reading it back, whatever it is. */
    JsonNode checked(Object value, Type declared) {
        String unstorable = value == null ? null : Unstorable.reason(value.getClass());
        if (unstorable != null) {
            throw new IllegalArgumentException(cannotBeStored(value, unstorable));
        }
        ObjectMapper plain = ResultMappers.plain();
        JavaType type = plain.constructType(declared);
        ClassLoader loader = loaderOf(value, type);
        JsonNode stored = tree(written(plain.writer(), value, MAX_RESULT_BYTES));
        Mismatch asPlain = unfaithful(value, stored, type, loader);
        if (asPlain == null) {
            return stored;
        }
        ObjectWriter typed = ResultMappers.typed(loader).writerFor(type);
        stored = JsonNodeFactory.instance.objectNode().set(TYPED,
                tree(written(typed, value, MAX_RESULT_BYTES - TYPED.length() - 5)));
        Mismatch asTyped = unfaithful(value, stored, type, loader);
        if (asTyped == null) {
            return stored;
        }
        // Class names only fix classes: when the plain form had the right ones, its problem is the real one.
        String problem = asPlain.ofClass ? asTyped.why : asPlain.why;
        throw new IllegalArgumentException(cannotBeStored(value, problem + "; " + WHAT_TO_RETURN));
    }

    /**
     * The value {@code recorded} stands for, as the declared type of the method that returned it.
     *
     * @param loader the loader of the class that declares the method: stored class names are
     *               resolved through it
     * @throws IllegalArgumentException naming why {@code recorded} does not read as {@code declared}
     */
    public Object replay(JsonNode recorded, Type declared, ClassLoader loader) {
        ObjectMapper plain = ResultMappers.plain();
        return read(recorded, plain.constructType(declared), loader);
    }

    private static Object read(JsonNode recorded, JavaType type, ClassLoader loader) {
        try {
            JsonNode typed = recorded.isObject() && recorded.size() == 1 ? recorded.get(TYPED) : null;
            if (typed == null) {
                return ResultMappers.plain().treeToValue(recorded, type);
            }
            return ResultMappers.typed(loader).readerFor(type).readValue(typed);
        } catch (IOException e) {
            throw new IllegalArgumentException(JacksonProblems.describe(e), e);
        }
    }

    /** Why a stored form would not replay as the value; {@code ofClass} if it has other classes or none. */
    private record Mismatch(String why, boolean ofClass) {
    }

    /** Why {@code stored} would not replay as {@code value}, or null when it would. */
    private static Mismatch unfaithful(Object value, JsonNode stored, JavaType type, ClassLoader loader) {
        Object replayed;
        try {
            replayed = read(JsonbNumbers.asReadBack(stored), type, loader);
        } catch (RuntimeException e) {
            return new Mismatch("it does not read back (" + e.getMessage() + ")", true);
        }
        Difference difference = FaithfulCheck.difference(value, replayed);
        return difference == null ? null : new Mismatch(difference.toString(), difference.ofClass());
    }

    private static byte[] written(ObjectWriter writer, Object value, int maxBytes) {
        byte[] text;
        try {
            text = writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
                throw new IllegalArgumentException("it contains itself or is nested more than "
                        + MAX_RESULT_DEPTH + " levels deep");
            }
            String problem = JacksonProblems.describe(e);
            throw new IllegalArgumentException(cannotBeStored(value, e instanceof Unstorable.Refusal
                    ? problem : problem + "; " + WHAT_TO_RETURN), e);
        }
        if (text.length > maxBytes) {
            throw new IllegalArgumentException("its JSON is over " + MAX_RESULT_BYTES + " bytes");
        }
        return text;
    }

    private static JsonNode tree(byte[] text) {
        try {
            return ResultMappers.plain().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("its JSON does not read back: " + e.getMessage(), e);
        }
    }

    private static String cannotBeStored(Object value, String problem) {
        return TypeNames.withArticle(value.getClass()) + " cannot be stored: " + problem;
    }

    /**
     * The loader {@link #record} checks stored class names with: that of the first class of the
     * host's in the value or its declared type, else the thread's. The engine replays through the
     * loader of the method's class, which sees the classes its methods return: in a bot, the same.
     */
    private static ClassLoader loaderOf(Object value, JavaType declared) {
        if (value != null && !JdkClasses.isJdk(value.getClass())) {
            return JdkClasses.leaf(value.getClass()).getClassLoader();
        }
        Class<?> host = hostClassIn(declared);
        if (host != null) {
            return host.getClassLoader();
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassLoader.getSystemClassLoader();
    }

    private static Class<?> hostClassIn(JavaType type) {
        if (type == null) {
            return null;
        }
        if (!JdkClasses.isJdk(type.getRawClass())) {
            return JdkClasses.leaf(type.getRawClass());
        }
        for (int i = 0; i < type.containedTypeCount(); i++) {
            Class<?> host = hostClassIn(type.containedType(i));
            if (host != null) {
                return host;
            }
        }
        return hostClassIn(type.getContentType());
    }
}
