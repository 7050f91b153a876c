/**
 * Benchmarks, never published: JMH through the real agent (skip path, checkpoints, memory) and the
 * side-by-side comparisons {@code bench/*.sh} run. See {@code bench/README.md}.
 *
 * <p>Not published; nothing depends on it.
 */
package dev.jobstate.bench;
