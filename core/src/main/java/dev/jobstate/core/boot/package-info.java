/**
 * The one jobstate of a JVM: reading the settings, building the store and the engine, and holding
 * the engine every way in uses, whether the agent's advice, {@code JobState.activity} or a test
 * harness. Whoever comes first starts it; the others find it started.
 */
package dev.jobstate.core.boot;
