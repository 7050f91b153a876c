package dev.jobstate.junit;

import dev.jobstate.JobState;
import dev.jobstate.core.boot.JobStateRuntime;
import dev.jobstate.core.config.ConfigException;
import dev.jobstate.core.config.ConfigLoader;
import dev.jobstate.core.config.JobStateConfig;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** {@link JobStateTest}'s work: jobstate in the test JVM, and a {@link BotRuns} for each test. */
public final class JobStateExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BotRuns.class);
    private static volatile boolean installed;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        installOnce();
        JobStateTest settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), JobStateTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException("@JobStateTest is missing on "
                        + context.getRequiredTestClass().getName()));
        Path stateDir = Files.createTempDirectory("jobstate-test-");
        context.getStore(NAMESPACE).put(Path.class, stateDir);
        context.getStore(NAMESPACE).put(BotRuns.class, new BotRuns(config(settings, stateDir),
                new TestClock(Instant.parse(settings.start()))));
    }

    /**
     * Between runs no engine is in place: the bot's calls outside {@link BotRuns#run} run untracked.
     * The engine is taken out before the agent attaches, so that it never starts one of its own from
     * the working folder's settings.
     */
    private static synchronized void installOnce() {
        if (installed) {
            return;
        }
        JobStateRuntime.use(null);
        if (!JobState.install()) {
            throw new ExtensionConfigurationException("jobstate could not attach to this test JVM (the line"
                    + " starting with [jobstate] above says why); add -Djdk.attach.allowAttachSelf=true or"
                    + " -javaagent:<path to jobstate.jar> to the test JVM's arguments (surefire's argLine)");
        }
        installed = true;
    }

    private static JobStateConfig config(JobStateTest settings, Path stateDir) {
        JobStateConfig base;
        if (settings.config().isEmpty()) {
            base = new JobStateConfig(true, stateDir, ZoneOffset.UTC, JobStateConfig.DEFAULT_ACCOUNT, "@JobStateTest");
        } else {
            try {
                base = new ConfigLoader(Path.of("")).load("config=" + settings.config(), null);
            } catch (ConfigException e) {
                throw new ExtensionConfigurationException("@JobStateTest(config = \"" + settings.config() + "\"): "
                        + e.getMessage(), e);
            }
        }
        return new JobStateConfig(true, stateDir, base.zone(), base.defaultAccount(), base.source(), null, null,
                base.dayStartsAt(), base.accounts(), base.quarantineFailuresPerDay());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        JobStateRuntime.use(null);
        Path stateDir = context.getStore(NAMESPACE).remove(Path.class, Path.class);
        if (stateDir != null) {
            deleteTree(stateDir);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == BotRuns.class || type == TestClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        BotRuns runs = context.getStore(NAMESPACE).get(BotRuns.class, BotRuns.class);
        return parameter.getParameter().getType() == TestClock.class ? runs.clock() : runs;
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
