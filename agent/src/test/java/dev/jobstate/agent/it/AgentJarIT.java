package dev.jobstate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The jar users attach: our classes only, everything else relocated under ours, and an agent manifest. */
class AgentJarIT {

    @Test
    void holdsOnlyOurPackagesAndMetaInfWithNoMultiReleaseClasses() throws IOException {
        try (JarFile jar = new JarFile(ItEnv.agentJar().toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
            List<String> foreign = names.stream()
                    .filter(n -> !n.startsWith("dev/jobstate/") && !n.startsWith("META-INF/") && !n.equals("dev/"))
                    .toList();
            assertEquals(List.of(), foreign, "entries outside dev/jobstate/** and META-INF/**");
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("META-INF/versions/")).toList(),
                    "multi-release entries are not relocated by shading");
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("META-INF/") && n.endsWith(".class")).toList());
            // Service files would offer our relocated classes to the host's ServiceLoader (Jackson's
            // factories, pgjdbc's java.sql.Driver). The one kept names a relocated interface, which only
            // our own relocated SLF4J asks for.
            assertEquals(List.of("META-INF/services/dev.jobstate.shaded.org.slf4j.spi.SLF4JServiceProvider"),
                    names.stream().filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")).toList(),
                    "service files other than our relocated SLF4J's provider");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("dev/jobstate/shaded/org/postgresql/")), "pgjdbc, relocated");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("dev/jobstate/shaded/com/zaxxer/hikari/")), "HikariCP, relocated");
            assertTrue(names.contains("dev/jobstate/Activity.class") && names.contains("dev/jobstate/Account.class"),
                    "the api's annotations are inside, not relocated");
            assertTrue(names.contains("dev/jobstate/agent/JobStateAgent.class"));
            // What the JDK's instrumented classes call into stays on the agent's class path: they reach it
            // through dynamic constants, so there is no bridge jar inside and no Boot-Class-Path.
            assertTrue(names.contains("dev/jobstate/agent/handoff/HandoffDoors.class"), "the handoff doors");
            assertEquals(List.of(), names.stream().filter(n -> n.endsWith(".jar")).toList(), "no jar inside the jar");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("dev/jobstate/shaded/net/bytebuddy/")), "ByteBuddy, relocated");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("dev/jobstate/shaded/com/fasterxml/jackson/databind/")),
                    "Jackson, relocated");

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("dev.jobstate.agent.JobStateAgent", manifest.getValue("Premain-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"), "the JDK's executors and threads");
            assertNull(manifest.getValue("Boot-Class-Path"),
                    "appending to the bootstrap class path makes HotSpot warn on the host's stderr");
            String multiRelease = manifest.getValue("Multi-Release");
            assertTrue(multiRelease == null || multiRelease.equals("false"), "Multi-Release: " + multiRelease);
        }
    }
}
