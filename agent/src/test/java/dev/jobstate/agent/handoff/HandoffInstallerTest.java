package dev.jobstate.agent.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstate.agent.Stderr;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** All or nothing: the JDK's classes are either all retransformed with the handoff advice, or left alone. */
class HandoffInstallerTest {

    /** An Instrumentation that records what is asked of it and answers as {@code answer} says. */
    private static final class Recorded {
        final List<String> calls = new ArrayList<>();
        final List<Object> transformers = new ArrayList<>();
        final List<List<Class<?>>> retransformed = new ArrayList<>();

        Instrumentation instrumentation(BiFunction<String, Object[], Object> answer) {
            return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                        calls.add(method.getName());
                        switch (method.getName()) {
                            case "addTransformer", "removeTransformer" -> transformers.add(args[0]);
                            case "retransformClasses" -> retransformed.add(Arrays.asList((Class<?>[]) args[0]));
                            default -> { }
                        }
                        return answer.apply(method.getName(), args);
                    });
        }
    }

    private static Object modifiable(String method, Object[] args) {
        return method.equals("isModifiableClass") || method.equals("removeTransformer") ? Boolean.TRUE : null;
    }

    @Test
    void everyClassOfThePointsIsRetransformedAtOnceByATransformerThatCanRetransform() {
        Recorded recorded = new Recorded();
        Instrumentation instrumentation = recorded.instrumentation(HandoffInstallerTest::modifiable);
        String said = Stderr.of(() -> HandoffInstaller.install(instrumentation));

        assertEquals("", said);
        assertEquals(1, recorded.retransformed.size(), recorded.calls::toString);
        List<String> names = recorded.retransformed.get(0).stream().map(Class::getName).toList();
        assertEquals(HandoffPoints.onThisJdk().stream().map(HandoffPoints.Point::type).distinct().toList(), names);
        assertTrue(recorded.retransformed.get(0).stream().allMatch(type -> type.getClassLoader() == null),
                "JDK classes only");
        assertEquals(List.of("addTransformer"), recorded.calls.stream()
                .filter(c -> c.endsWith("Transformer")).toList());
        assertTrue(recorded.transformers.get(0) instanceof ExactNames);
    }

    @Test
    void aClassThatCannotBeRetransformedLeavesEveryOneAlone() {
        Recorded recorded = new Recorded();
        Instrumentation instrumentation = recorded.instrumentation((method, args) -> method.equals("isModifiableClass")
                ? !((Class<?>) args[0]).getName().equals("java.lang.Thread") : null);
        String said = Stderr.of(() -> HandoffInstaller.install(instrumentation));

        assertTrue(said.startsWith("[jobstate] ERROR jobstate cannot follow work handed to other threads")
                && said.contains("java.lang.Thread cannot be retransformed"), said);
        assertEquals(List.of(), recorded.transformers, "no transformer was ever registered");
        assertEquals(List.of(), recorded.retransformed);
    }

    @Test
    void aFailedRetransformationTakesTheTransformerAwayAndPutsTheJdksOwnCodeBack() {
        Recorded recorded = new Recorded();
        int[] retransformations = {0};
        String said = Stderr.of(() -> HandoffInstaller.install(recorded.instrumentation((method, args) -> {
            if (method.equals("retransformClasses") && retransformations[0]++ == 0) {
                sneak(new UnmodifiableClassException("refused"));
            }
            return modifiable(method, args);
        })));

        assertTrue(said.contains("UnmodifiableClassException: refused"), said);
        assertEquals(List.of("addTransformer", "retransformClasses", "removeTransformer", "retransformClasses"),
                recorded.calls.stream().filter(c -> c.endsWith("Transformer") || c.startsWith("retransform")).toList());
        assertSame(recorded.transformers.get(0), recorded.transformers.get(1), "the one it registered");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneak(Throwable t) throws T {
        throw (T) t;
    }
}
