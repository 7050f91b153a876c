package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.StateStore;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** What an {@code @Activity} method's site says about it, worked out once, before any call. */
@ExtendWith(CleanThreadContext.class)
class ActivitySiteTest {

    record Offer(String offerId) {
    }

    static class Bot {
        @Activity(type = "daily-set", id = "quiz-{0.offerId}")
        int quiz(Offer offer) {
            return 0;
        }

        @Activity(type = "daily-set", id = "quiz-{0.offerId}")
        int quiz(Offer offer, int attempt) {
            return 0;
        }

        @Activity
        void defaults() {
        }

        @Activity(type = " ")
        void blankType() {
        }

        @Activity(id = "quiz-{1}")
        void indexOutOfRange(Offer offer) {
        }

        @Activity(id = "quiz-{offer}")
        void byName(Offer offer) {
        }

        @Activity(id = "quiz-{0")
        void unclosed(Offer offer) {
        }

        @Activity
        void badAccountPath(@Account("not a path") String account) {
        }

        @Activity
        static void aStaticOne() {
        }

        void notAnActivity() {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");

    @Test
    void aMethodWithoutActivityHasNoSite() {
        assertNull(ActivitySite.of(method(Bot.class, "notAnActivity")));
        assertNull(Sites.activity(Bot.class, "notAnActivity()V"));
    }

    @Test
    void sitesAreFoundByNameAndDescriptorAsTheAgentEmbedsThem() throws NoSuchMethodException {
        ActivitySite one = Sites.activity(Bot.class, "quiz(L" + Offer.class.getName().replace('.', '/') + ";)I");
        ActivitySite two = Sites.activity(Bot.class, "quiz(L" + Offer.class.getName().replace('.', '/') + ";I)I");

        assertNotNull(one);
        assertNotNull(two);
        assertEquals(Bot.class.getName() + ".quiz(Offer)", one.name());
        assertEquals(Bot.class.getName() + ".quiz(Offer, int)", two.name());
        assertSame(one, Sites.activity(Bot.class, Sites.key(Bot.class.getDeclaredMethod("quiz", Offer.class))));
    }

    @Test
    void theDefaultTypeIsDefaultAndTheDefaultIdIsTheMethodName() throws Exception {
        ActivitySite site = ActivitySite.of(method(Bot.class, "defaults"));

        assertNull(site.problem());
        assertEquals("default", site.type());
        assertEquals("defaults", site.id().resolve(new Object[0]));
        assertTrue(site.returnsVoid());
    }

    @Test
    void aStaticActivityIsKnownToBeStatic() {
        assertTrue(ActivitySite.of(method(Bot.class, "aStaticOne")).isStatic());
        assertFalse(ActivitySite.of(method(Bot.class, "defaults")).isStatic());
    }

    @Test
    void aBlankTypeIsAProblemNamingTheMethod() {
        String problem = ActivitySite.of(method(Bot.class, "blankType")).problem();

        assertNotNull(problem);
        assertTrue(problem.contains(Bot.class.getName() + ".blankType()"), problem);
        assertTrue(problem.contains("type is blank"), problem);
    }

    @Test
    void anArgumentIndexOutOfRangeIsAProblemBeforeAnyCall() {
        String problem = ActivitySite.of(method(Bot.class, "indexOutOfRange")).problem();

        assertNotNull(problem);
        assertTrue(problem.contains("{1} refers to argument 1, but the method takes 1"), problem);
    }

    @Test
    void anUnclosedPlaceholderIsAProblem() {
        String problem = ActivitySite.of(method(Bot.class, "unclosed")).problem();

        assertNotNull(problem);
        assertTrue(problem.contains("never closed"), problem);
    }

    @Test
    void anAccountParameterWhosePathIsNotAPathIsAProblem() {
        String problem = ActivitySite.of(method(Bot.class, "badAccountPath")).problem();

        assertNotNull(problem);
        assertTrue(problem.contains("not a property path"), problem);
    }

    // --- {name} templates on classes compiled here, with and without -parameters ---------------

    private static final String NAMED_SOURCE = """
            package gen;

            import dev.jobstate.Activity;

            public class Named {
                public record Offer(String offerId) {
                }

                @Activity(type = "daily-set", id = "quiz-{offer.offerId}-{day}")
                public int quiz(String day, Offer offer) {
                    return 1;
                }
            }
            """;

    @TempDir
    Path build;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
    }

    private Class<?> compileNamed(boolean withParameters) throws Exception {
        Path sources = Files.createDirectories(build.resolve("src/gen"));
        Path classes = Files.createDirectories(build.resolve(withParameters ? "with" : "without"));
        Path source = Files.writeString(sources.resolve("Named.java"), NAMED_SOURCE);
        String api = Path.of(Activity.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath", api, "-d", classes.toString()));
        if (withParameters) {
            args.add("-parameters");
        }
        args.add(source.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK");
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac failed");
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        loaders.add(loader);
        return loader.loadClass("gen.Named");
    }

    private static final String COPIED_SOURCE = """
            package gen;

            import dev.jobstate.Activity;

            public class Copied {
                @Activity(type = "copied", id = "quiz-{0}", maxAttempts = 3, retries = 2, backoff = "5ms")
                public int quiz(String offer) {
                    return 1;
                }
            }
            """;

    /**
     * A bot that bundles its own jobstate-api behind a child-first loader has an {@code Activity}
     * class of its own: its annotation is read by name, and says the same.
     */
    @Test
    void anActivityOfAnotherCopyOfTheApiIsReadByName() throws Exception {
        Path sources = Files.createDirectories(build.resolve("copy/src"));
        Path classes = Files.createDirectories(build.resolve("copy/classes"));
        Path api = Files.createDirectories(sources.resolve("dev/jobstate"));
        Files.copy(Path.of("../api/src/main/java/dev/jobstate/Activity.java"), api.resolve("Activity.java"));
        Path source = Files.writeString(Files.createDirectories(sources.resolve("gen")).resolve("Copied.java"),
                COPIED_SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "--release", "17", "-d", classes.toString(),
                "-sourcepath", sources.toString(), source.toString()), "javac failed");
        URLClassLoader childFirst = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.equals(Activity.class.getName()) || name.startsWith("gen.")) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : findClass(name);
                    }
                    return super.loadClass(name, resolve);
                }
            }
        };
        loaders.add(childFirst);
        Method quiz = method(childFirst.loadClass("gen.Copied"), "quiz");
        assertFalse(quiz.getAnnotations()[0] instanceof Activity, "another Activity class than ours");

        ActivitySite site = ActivitySite.of(quiz);

        assertNull(site.problem());
        assertEquals("copied", site.type());
        assertEquals(3, site.attempts().maxAttempts());
        assertTrue(site.attempts().retries(new IllegalStateException(), 2), "a second retry");
        assertFalse(site.attempts().retries(new IllegalStateException(), 3), "no third");
        assertTrue(site.attempts().waitMillis(1) <= 5, "the backoff read: " + site.attempts().waitMillis(1));
    }

    @Test
    void aParameterNameWorksWhenTheClassWasCompiledWithParameters() throws Exception {
        Class<?> named = compileNamed(true);
        Class<?> offer = named.getClassLoader().loadClass("gen.Named$Offer");
        ActivitySite site = ActivitySite.of(method(named, "quiz"));
        assertNull(site.problem());
        StateStore store = mock(StateStore.class);
        when(store.read(any(), anyLong())).thenReturn(Completions.NONE);
        when(store.claim(any(), any())).thenReturn(Claim.Granted.UNLEASED);
        ActivityEngine engine = new ActivityEngine(config(), store, Clock.fixed(NOW, ZoneOffset.UTC));
        Object anOffer = offer.getConstructor(String.class).newInstance("o7");

        Object token = engine.enter(site, named.getConstructor().newInstance(), new Object[] {"mon", anOffer});
        engine.exit(token, 1, null);

        ArgumentCaptor<Mutation> change = ArgumentCaptor.forClass(Mutation.class);
        verify(store).checkpoint(any(DayKey.class), change.capture(), any());
        assertEquals("quiz-o7-mon", change.getValue().id());
    }

    @Test
    void aParameterNameIsAProblemAndTheCallUntrackedWhenCompiledWithoutParameters() throws Exception {
        Class<?> named = compileNamed(false);
        Method quiz = method(named, "quiz");
        assertFalse(quiz.getParameters()[0].isNamePresent());

        ActivitySite site = ActivitySite.of(quiz);

        assertNotNull(site.problem());
        assertTrue(site.problem().contains("{offer.offerId}"), site.problem());
        assertTrue(site.problem().contains("-parameters"), site.problem());
        StateStore store = mock(StateStore.class);
        ActivityEngine engine = new ActivityEngine(config(), store, Clock.fixed(NOW, ZoneOffset.UTC));
        assertNull(engine.enter(site, named.getConstructor().newInstance(), new Object[] {"mon", null}));
        verifyNoInteractions(store);
    }
}
