package dev.jobstate.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK to start child JVMs on. Tests take one as their parameter ({@code @MethodSource(Jdk.ALL)}) so
 * every scenario runs on the JDK that runs the build and on the extra JDK where this machine has it.
 */
record Jdk(int feature, Path home) {

    /** For {@code @MethodSource}. */
    static final String ALL = "dev.jobstate.agent.it.Jdk#all";

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    static Stream<Jdk> all() {
        List<Jdk> jdks = new ArrayList<>();
        Jdk build = new Jdk(Runtime.version().feature(), Path.of(System.getProperty("java.home")));
        jdks.add(build);
        Path extra = ItEnv.extraJdk();
        if (extra != null && !sameFolder(extra, build.home())) {
            jdks.add(new Jdk(featureOf(extra), extra));
        }
        return jdks.stream();
    }

    Path java() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }

    private static int featureOf(Path home) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            if (!m.find()) {
                throw new IllegalStateException(home + "/release names no JAVA_VERSION");
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
