package dev.jobstate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AdviceWeaver} over every class of the test bots (Java 17 and Java 8 class files): those
 * with an activity or a scope are woven, the JVM verifies each woven class as it defines and links
 * it, its code calls nothing of ours but {@link Dispatch}, and the others are left alone. What the woven
 * code does is {@link WovenCodeTest}'s.
 */
class AdviceWeaverTest {

    @TempDir
    Path dir;

    @Test
    void everyTestBotClassWithAnActivityIsWovenIntoCodeTheJvmVerifies() throws Exception {
        int woven = 0;
        int total = 0;
        for (String[] sources : new String[][] {{"src/test/bots", "17"}, {"src/test/bots8", "8"}}) {
            Path out = compile(Path.of(sources[0]), sources[1]);
            Map<String, byte[]> classes = new HashMap<>();
            List<String> wovenNames = new ArrayList<>();
            ClassLoader files = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    AdviceWeaverTest.class.getClassLoader());
            ClassFileTransformer weaver = new AdviceWeaver();
            try (Stream<Path> found = Files.walk(out)) {
                for (Path file : found.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String internalName = out.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
                    byte[] bytes = Files.readAllBytes(file);
                    byte[] after = weaver.transform(files, internalName, null, null, bytes.clone());
                    classes.put(internalName.replace('/', '.'), after == null ? bytes : after);
                    total++;
                    if (after != null) {
                        wovenNames.add(internalName.replace('/', '.'));
                        Set<String> added = WovenBytes.calls(after);
                        added.removeAll(WovenBytes.calls(bytes));
                        added.removeIf(call -> call.startsWith("java/lang/") || call.startsWith(DispatchCall.DISPATCH + "."));
                        assertEquals(Set.of(), added, internalName + ": the woven code calls only Dispatch (and boxes)");
                    }
                }
            }
            ClassLoader loader = new Defining(classes);
            for (String name : wovenNames) {
                assertNull(verifyError(Class.forName(name, false, loader)), name);
            }
            woven += wovenNames.size();
        }
        assertTrue(woven >= 10 && total > woven, woven + " of " + total + " classes woven");
    }

    /**
     * Links the class, which verifies it, without initialising it: HotSpot links a class before it
     * lists its declared methods. The verifier's message names the method and the frame.
     */
    private static String verifyError(Class<?> type) {
        try {
            type.getDeclaredMethods();
            return null;
        } catch (LinkageError e) {
            return e.toString();
        }
    }

    /** Defines the classes it is given itself, before asking its parent. */
    private static final class Defining extends ClassLoader {

        private final Map<String, byte[]> classes;

        Defining(Map<String, byte[]> classes) {
            super(AdviceWeaverTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }

    private Path compile(Path sourceRoot, String release) throws Exception {
        Path out = Files.createDirectories(dir.resolve("bots" + release));
        List<Path> sources;
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Boolean ok = javac.getTask(diagnostics, files, null, List.of("--release", release, "-proc:none", "-g",
                    "-Xlint:none", "-parameters", "-classpath", System.getProperty("java.class.path"), "-d",
                    out.toString()), null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, diagnostics.toString());
        }
        return out;
    }
}
