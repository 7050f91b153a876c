/**
 * Small host programs the start-up and hand-off benchmarks start in their own JVMs, with and without
 * the agent.
 *
 * <p>Not published; nothing depends on it.
 */
package dev.jobstate.bench.host;
