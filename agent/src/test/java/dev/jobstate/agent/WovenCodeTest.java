package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What woven code does, run: {@link WovenShapes} as compiled and as {@link AdviceWeaver} weaves it,
 * its calls into jobstate led to {@link FakeDispatch}. The JVM verifies the woven class as it loads
 * it, so every shape of code here is also a check of the frames the writer computed.
 */
class WovenCodeTest {

    private Object plain;
    private Object woven;

    @BeforeEach
    void load() throws Exception {
        FakeDispatch.reset();
        plain = new WovenShapes();
        woven = wovenClass().getConstructor().newInstance();
    }

    @AfterEach
    void reset() {
        FakeDispatch.reset();
    }

    @Test
    void aWovenMethodReturnsWhatItsCodeReturnsForEveryTypeAndShape() throws Exception {
        Object[][] calls = {
            {"nothing"}, {"yes", true}, {"aByte", (byte) 4}, {"aChar", 'a'}, {"aShort", (short) 21},
            {"counted", 10}, {"wide", 5L, 2.5, 3}, {"aFloat", 3f}, {"aDouble", 1.5, 2L}, {"join", "a", "b"},
            {"merged", true}, {"merged", false}, {"either", 1}, {"either", -1}, {"switched", "a"},
            {"switched", "b"}, {"switched", "zed"}, {"handled", "12"}, {"handled", "x"}, {"locked", 3},
            {"lambda", 21}, {"reassigns", "s", 2L, false}, {"generic", "pear", "apple"}, {"scoped", "acct", 4},
            {"both", "acct", 6L}, {"untouched", 5},
        };
        for (Object[] call : calls) {
            String name = (String) call[0];
            Object[] args = List.of(call).subList(1, call.length).toArray();
            assertEquals(String.valueOf(invoke(plain, name, args)), String.valueOf(invoke(woven, name, args)), name);
        }
        assertArrayEquals((int[]) invoke(plain, "numbers", 5), (int[]) invoke(woven, "numbers", 5));
        assertEquals(field(plain, "runs"), field(woven, "runs"), "each body ran once");
        assertTrue(FakeDispatch.CALLS.contains("exit token 45 null"), "exit sees the value, boxed");
        assertTrue(FakeDispatch.CALLS.contains("enter WovenShapes.join(Ljava/lang/String;Ljava/lang/String;)"
                + "Ljava/lang/String; false [a, b]"), "a static method has no this");
    }

    @Test
    void theCallsIntoJobstateComeInOrderAroundTheCode() throws Exception {
        assertEquals(10, invoke(woven, "counted", 5));
        assertEquals(List.of("enter WovenShapes.counted(I)I true [5]", "exit token 10 null", "thrown", "again"),
                FakeDispatch.CALLS);
    }

    @Test
    void aReplayedCallSkipsTheCodeAndReturnsWhatTheExitGives() throws Exception {
        FakeDispatch.enterGives = replay("kept");
        FakeDispatch.exitGives = returned -> 99;
        assertEquals(99, invoke(woven, "counted", 5));
        assertEquals(0, field(woven, "runs"), "the code did not run");
        assertEquals("exit " + FakeDispatch.enterGives + " 0 null", FakeDispatch.CALLS.get(1), "the default, boxed");
        FakeDispatch.exitGives = returned -> null;
        invoke(woven, "nothing");
        assertEquals(0, field(woven, "runs"));
    }

    @Test
    void theCodesOwnExceptionPassesThroughTheExitAndIsThrownAsThrownSays() throws Exception {
        Throwable own = assertThrows(IOException.class, () -> invoke(woven, "fails", 3));
        assertEquals("failed 3", own.getMessage());
        assertTrue(FakeDispatch.CALLS.get(1).startsWith("exit token 0 java.io.IOException: failed 3"));
        IllegalStateException instead = new IllegalStateException("ours");
        FakeDispatch.thrownGives = instead;
        assertSame(instead, assertThrows(IllegalStateException.class, () -> invoke(woven, "counted", 2)),
                "thrown may turn a return into a throw (a refused call)");
    }

    @Test
    void aRetriedCallRunsTheCodeAgainWithTheArgumentsItWasCalledWith() throws Exception {
        FakeDispatch.retries = 2;
        Throwable last = assertThrows(IllegalStateException.class, () -> invoke(woven, "reassigns", "s", 2L, true));
        assertEquals("s!20", last.getMessage(), "not s!!200: each run starts from the arguments as called");
        assertEquals(3, field(woven, "runs"));
        FakeDispatch.retries = 1;
        assertEquals(10, invoke(woven, "counted", 5));
        assertEquals(5, field(woven, "runs"));
    }

    @Test
    void jobstateFailingInsideTheAdviceLeavesTheCallAsIfUntracked() throws Exception {
        FakeDispatch.failure = new IllegalStateException("jobstate broke");
        FakeDispatch.retries = 5;
        assertEquals(10, invoke(woven, "counted", 5));
        assertEquals("s!20", invoke(woven, "reassigns", "s", 2L, false));
        assertEquals(2, field(woven, "runs"), "ran once each: a failing again() is no retry");
        assertEquals("failed 1", assertThrows(IOException.class, () -> invoke(woven, "fails", 1)).getMessage());
    }

    @Test
    void anExitValueOfTheWrongTypeIsIgnored() throws Exception {
        FakeDispatch.exitGives = returned -> "not an int";
        assertEquals(10, invoke(woven, "counted", 5));
        FakeDispatch.exitGives = returned -> null;
        assertEquals(10, invoke(woven, "counted", 5), "null cannot unbox");
        assertEquals(List.of(), FakeDispatch.CALLS.stream().filter(c -> c.equals("again")).toList(),
                "the exit ended where it failed");
    }

    @Test
    void aScopeOpensBeforeTheActivityAndClosesAfterItHoweverItEnds() throws Exception {
        assertEquals("acct6", invoke(woven, "both", "acct", 6L));
        assertEquals(List.of("open both(Ljava/lang/String;J)Ljava/lang/String; [acct, 6]",
                "enter WovenShapes.both(Ljava/lang/String;J)Ljava/lang/String; true [acct, 6]", "exit token acct6 null",
                "thrown", "again", "close 7"), FakeDispatch.CALLS);
        FakeDispatch.CALLS.clear();
        assertThrows(IllegalArgumentException.class, () -> invoke(woven, "both", "acct", -1L));
        assertEquals("close 7", FakeDispatch.CALLS.get(FakeDispatch.CALLS.size() - 1));
        FakeDispatch.CALLS.clear();
        assertEquals(10, invoke(woven, "scoped", "acct", 4));
        assertEquals("open scoped(Ljava/lang/String;I)I [acct, 4]", FakeDispatch.CALLS.get(0));
        assertEquals("close 7", FakeDispatch.CALLS.get(FakeDispatch.CALLS.size() - 1));
    }

    @Test
    void aMethodWithoutOurAnnotationsIsLeftAsItWas() throws Exception {
        assertEquals(15, invoke(woven, "untouched", 5));
        assertEquals(List.of(), FakeDispatch.CALLS);
    }

    private static Object replay(Object value) throws ReflectiveOperationException {
        Method of = Class.forName("dev.jobstate.core.engine.Replay").getDeclaredMethod("of", Object.class);
        of.setAccessible(true);
        return of.invoke(null, value);
    }

    /** WovenShapes woven, its calls to Dispatch led to FakeDispatch, in a loader of its own. */
    private static Class<?> wovenClass() throws IOException, ClassNotFoundException {
        byte[] original;
        try (InputStream in = WovenShapes.class.getResourceAsStream("WovenShapes.class")) {
            original = in.readAllBytes();
        }
        byte[] bytes = AdviceWeaver.weave(WovenCodeTest.class.getClassLoader(), original);
        assertNotNull(bytes);
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes).accept(new ClassRemapper(writer, new SimpleRemapper(Opcodes.ASM9,
                DispatchCall.DISPATCH, FakeDispatch.class.getName().replace('.', '/'))), 0);
        byte[] remapped = writer.toByteArray();
        return new ClassLoader(WovenCodeTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(WovenShapes.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> defined = findLoadedClass(name);
                        return defined != null ? defined : defineClass(name, remapped, 0, remapped.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(WovenShapes.class.getName());
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception exception) {
                        throw exception;
                    }
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        return target.getClass().getField(name).get(target);
    }
}
