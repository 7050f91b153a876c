package dev.jobstate.agent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AdviceWeaver} against the {@code AgentBuilder} it replaced, configured as it was: every class
 * of the test bots (Java 17 and Java 8 class files) comes out byte for byte the same but for the order
 * of its InnerClasses entries, or untouched by both.
 */
class AdviceWeaverTest {

    @TempDir
    Path dir;

    @Test
    void weavesEveryTestBotClassExactlyAsTheAgentBuilderDid() throws Exception {
        int woven = 0;
        int total = 0;
        for (String[] sources : new String[][] {{"src/test/bots", "17"}, {"src/test/bots8", "8"}}) {
            Path out = compile(Path.of(sources[0]), sources[1]);
            List<String> errors = new ArrayList<>();
            ClassFileTransformer before = agentBuilderAsItWas(errors).makeRaw();
            ClassFileTransformer after = AgentInstaller.weaver();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    AdviceWeaverTest.class.getClassLoader());
                 Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String internalName = out.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
                    byte[] bytes = Files.readAllBytes(file);
                    byte[] expected = before.transform(loader, internalName, null, null, bytes.clone());
                    byte[] actual = after.transform(loader, internalName, null, null, bytes.clone());
                    assertArrayEquals(normalized(expected), normalized(actual), internalName);
                    total++;
                    woven += actual == null ? 0 : 1;
                }
            }
            assertEquals(List.of(), errors);
        }
        assertTrue(woven >= 10 && total > woven, woven + " of " + total + " classes woven");
    }

    /**
     * The class as ASM writes it again with its InnerClasses attribute's entries in name order: the
     * one thing the AgentBuilder wrote otherwise (it re-emits them in an order of its own; the JVM
     * reads them as a set).
     */
    private static byte[] normalized(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private final SortedMap<String, String[]> inner = new TreeMap<>();

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                inner.put(name, new String[] {outerName, innerName, Integer.toString(access)});
            }

            @Override
            public void visitEnd() {
                inner.forEach((name, rest) -> super.visitInnerClass(name, rest[0], rest[1], Integer.parseInt(rest[2])));
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    /** AgentInstaller's AgentBuilder before AdviceWeaver, word for word but for the listener. */
    private static AgentBuilder agentBuilderAsItWas(List<String> errors) {
        ElementMatcher.Junction<MethodDescription> activities = isMethod().and(not(isAbstract()))
                .and(not(isNative())).and(not(isBridge()))
                .and(isAnnotatedWith(named(AgentInstaller.ACTIVITY)).or(new OverridesActivity(AgentInstaller.ACTIVITY)));
        ElementMatcher.Junction<MethodDescription> scopes = isMethod()
                .and(hasParameters(whereAny(isAnnotatedWith(named(AgentInstaller.ACCOUNT)))))
                .and(not(isAbstract())).and(not(isNative()));
        Advice scopeAdvice = Advice.to(AccountScopeAdvice.class);
        Advice activityAdvice = Advice.to(ActivityAdvice.class);
        ElementMatcher.Junction<TypeDescription> ours = nameStartsWith("dev.jobstate.agent.")
                .or(nameStartsWith("dev.jobstate.core.")).or(nameStartsWith("dev.jobstate.cli."))
                .or(nameStartsWith("dev.jobstate.shaded."));
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                                        Throwable throwable) {
                        errors.add(typeName + ": " + throwable);
                    }
                })
                .ignore(ours)
                .type(declaresMethod(activities.or(scopes)))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(scopeAdvice.on(scopes))
                        .visit(activityAdvice.on(activities)));
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
