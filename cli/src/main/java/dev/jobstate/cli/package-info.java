/**
 * The operator's command line, {@code java -jar jobstate.jar <command>}: the picocli commands and
 * {@code Main}, which write through picocli's writers and so also run in process.
 *
 * <p>Internal: not a supported API; it may change in any release.
 */
package dev.jobstate.cli;
