package dev.jobstate.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.Marks;
import dev.jobstate.cli.farm.Scope;
import dev.jobstate.core.model.DayKey;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules between the rooms (docs/architecture.md), checked on the compiled classes of every
 * module: api, core (the runtime a bot loads), cli (the operator's tools) and agent. Each rule says
 * why it exists; a class that breaks one fails the build with that reason.
 */
class ArchitectureTest {

    private static final String API = "dev.jobstate";
    private static final String RUNTIME = "dev.jobstate.core..";
    private static final String OPERATOR = "dev.jobstate.cli..";
    private static final String AGENT = "dev.jobstate.agent..";
    private static final String DASHBOARD = "dev.jobstate.cli.serve..";

    private static JavaClasses jobstate;

    @BeforeAll
    static void importClasses() {
        jobstate = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Tests may reach across rooms; core's test jar is on this class path for the ITs.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(API);
    }

    @Test
    void theApiDependsOnTheJdkAlone() {
        check(classes().that().resideInAPackage(API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, "java..")
                .because("bots compile against jobstate-api and must get nothing else with it"));
    }

    @Test
    void theRuntimeNeverReachesTheOperatorsTools() {
        check(noClasses().that().resideInAPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAPackage(OPERATOR)
                .because("a bot loads the runtime; the CLI, the report and their printing run beside it,"
                        + " and must never be loaded into a bot's JVM or grow its start-up"));
    }

    @Test
    void theRuntimeNeverReachesTheAgent() {
        check(noClasses().that().resideInAPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAPackage(AGENT)
                .because("the runtime is plain Java, usable and testable without bytecode weaving;"
                        + " the agent drives it, not the other way round"));
    }

    @Test
    void theOperatorsToolsNeverReachTheAgent() {
        check(noClasses().that().resideInAPackage(OPERATOR)
                .should().dependOnClassesThat().resideInAPackage(AGENT)
                .because("the CLI runs in its own JVM, where no premain ran: the agent only packages it"));
    }

    @Test
    void theAgentsOwnCodeNeverCallsTheOperatorsTools() {
        check(noClasses().that().resideInAPackage(AGENT)
                .should().dependOnClassesThat().resideInAPackage(OPERATOR)
                .because("jobstate.jar carries the CLI only to be run as one; inside a bot it must stay unloaded"));
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        check(slices().matching("dev.jobstate.(**)").should().beFreeOfCycles()
                .because("a package cycle makes two packages one: neither can be read, tested or moved alone"));
    }

    @Test
    void theModelIsTheVocabularyAndDependsOnNoOtherPartOfTheRuntime() {
        check(classes().that().resideInAPackage("dev.jobstate.core.model..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.jobstate.core.model..", "java..", "com.fasterxml.jackson..")
                .because("day state, keys and mutations are what every store and tool speaks;"
                        + " they hold data and rules on it, nothing that does I/O or decides"));
    }

    @Test
    void storesNeverReachTheEngine() {
        check(noClasses().that().resideInAPackage("dev.jobstate.core.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.jobstate.core.engine..")
                .because("the engine drives stores; a store that needs the engine's thread context for its"
                        + " own work gets it through store.OwnWork, which the engine fills in"));
    }

    @Test
    void theEngineKnowsStoresOnlyByTheirContract() {
        check(noClasses().that().resideInAPackage("dev.jobstate.core.engine..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.jobstate.core.store.file..", "dev.jobstate.core.store.postgres..")
                .because("every checkpoint goes one way, through StateStore: a store plugs in without"
                        + " touching the engine, and the engine's rules hold for every store"));
    }

    @Test
    void configIsReadBeforeAnythingRunsAndReachesNoStoreOrEngine() {
        check(noClasses().that().resideInAPackage("dev.jobstate.core.config..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.jobstate.core.store..", "dev.jobstate.core.engine..")
                .because("a bad config must be reported before a store opens or an activity runs"));
    }

    @Test
    void onlyTheAgentWeavesBytecode() {
        check(noClasses().that().resideOutsideOfPackage(AGENT)
                .should().dependOnClassesThat().resideInAPackage("net.bytebuddy..")
                .because("the runtime and the tools are plain Java; ByteBuddy is the agent's business alone"));
    }

    @Test
    void onlyTheOperatorsToolsParseCommandLines() {
        check(noClasses().that().resideOutsideOfPackage(OPERATOR)
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("picocli serves the CLI; a bot never parses a command line of ours"));
    }

    @Test
    void theRuntimeSpeaksToADatabaseOnlyInThePostgresStore() {
        check(noClasses().that().resideInAnyPackage(RUNTIME, AGENT)
                .and().resideOutsideOfPackage("dev.jobstate.core.store.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..", "com.zaxxer..")
                .because("the file store must work, and start, with no database driver touched"));
    }

    @Test
    void onlyTheDashboardServesHttp() {
        check(noClasses().that().resideOutsideOfPackage(DASHBOARD)
                .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..")
                .because("a bot's JVM must never open a port: only serve, an operator's command in a JVM"
                        + " of its own, listens, and only its package knows how"));
    }

    @Test
    void theDashboardChangesAFarmOnlyAsTheCommandsDo() {
        check(noClasses().that().resideInAPackage(DASHBOARD)
                .should().callMethod(Marks.class, "mark", DayKey.class, String.class)
                .orShould().callMethod(Marks.class, "unmark", DayKey.class, String.class)
                .orShould().callMethod(Farm.class, "release", String.class, LocalDate.class)
                .orShould().callMethod(Farm.class, "planReset", Scope.class)
                .because("a change from a page goes through Actions, the code the mark, unmark, release and"
                        + " reset commands run, so a running bot sees it the same way and the words agree"));
    }

    @Test
    void onlyTheCliProcessEverEndsTheJvm() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.jobstate.cli.Main")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .because("the agent must never end its host, and the commands run in process too"
                        + " (tests, tools that embed them): only the CLI's own main may exit"));
    }

    @Test
    void telemetryOnlyReportsAndReachesNoStoreOrEngine() {
        check(classes().that().resideInAPackage("dev.jobstate.core.telemetry..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.jobstate.core.telemetry..",
                        "dev.jobstate.core.model..", "dev.jobstate.core.log..", "java..", "javax.management..",
                        "jdk.jfr..")
                .because("the engine and both stores report to it; a telemetry that reached back into them"
                        + " would tie them in a cycle, and it has nothing to decide: the agent hands it the"
                        + " store's health as plain suppliers"));
    }

    @Test
    void onlyTheTelemetryTouchesTheFlightRecorderOrJmx() {
        check(noClasses().that().resideOutsideOfPackage("dev.jobstate.core.telemetry..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("jdk.jfr..", "javax.management..", "java.lang.management..")
                .because("a runtime trimmed with jlink may lack jdk.jfr or java.management: only the telemetry,"
                        + " which loads them behind a guard, may need them, so the agent works without them"));
    }

    private static void check(ArchRule rule) {
        rule.check(jobstate);
    }
}
