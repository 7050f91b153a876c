package dev.jobstate.agent.it;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The test bots, compiled from {@code src/test/bots} the way a user builds a bot: against the api
 * jar only, for Java 17 so every JDK under test can run them. Compiled once per test JVM.
 */
final class BotClasses {

    private static Path withParameters;
    private static Path withoutParameters;
    private static Path java8;

    private BotClasses() {
    }

    /** Compiled with {@code -parameters}, so {@code {name}} templates work. */
    static synchronized Path withParameters() {
        if (withParameters == null) {
            withParameters = compile("bots-parameters", true);
        }
        return withParameters;
    }

    /** Compiled without {@code -parameters}: {@code {name}} templates cannot be resolved. */
    static synchronized Path withoutParameters() {
        if (withoutParameters == null) {
            withoutParameters = compile("bots-no-parameters", false);
        }
        return withoutParameters;
    }

    /** {@code src/test/bots8}, compiled for Java 8: class files of version 52, as old bots ship them. */
    static synchronized Path java8() {
        if (java8 == null) {
            java8 = compile("bots-java8", ItEnv.botSources().resolveSibling("bots8"), "8", false);
        }
        return java8;
    }

    private static Path compile(String name, boolean parameters) {
        return compile(name, ItEnv.botSources(), "17", parameters);
    }

    private static Path compile(String name, Path sourceRoot, String release, boolean parameters) {
        Path out = ItEnv.workRoot().resolve(name);
        try {
            Workspace.deleteTree(out);
            Files.createDirectories(out);
            List<Path> sources;
            try (Stream<Path> files = Files.walk(sourceRoot)) {
                sources = files.filter(p -> p.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).toList();
            }
            if (sources.isEmpty()) {
                throw new IllegalStateException("no bot sources in " + sourceRoot);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new IllegalStateException("the tests need a JDK (javax.tools), not a JRE");
            }
            List<String> options = new ArrayList<>(List.of("--release", release, "-proc:none", "-g", "-Xlint:none",
                    "-classpath", ItEnv.apiJar().toString(), "-d", out.toString()));
            if (parameters) {
                options.add("-parameters");
            }
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
                Boolean ok = javac.getTask(diagnostics, files, null, options, null,
                        files.getJavaFileObjectsFromPaths(sources)).call();
                if (!Boolean.TRUE.equals(ok)) {
                    throw new IllegalStateException("the test bots do not compile:\n" + diagnostics);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
