/**
 * Testing that a bot resumes, with JUnit 5: {@link dev.jobstate.junit.JobStateTest} on a test class
 * makes jobstate active in the test JVM, and gives each test a {@link dev.jobstate.junit.BotRuns}:
 * a fresh state folder, a clock the test moves, runs of the bot that can be killed at its Nth
 * activity, and a {@link dev.jobstate.junit.RunReport} of what each run ran, skipped and replayed.
 *
 * <p>Supported API: this package is {@code jobstate-junit}'s, and changes only compatibly.
 */
package dev.jobstate.junit;
