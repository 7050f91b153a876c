/**
 * A sample bot built against {@code jobstate-api} alone, as a user's bot would be: run it twice with
 * the agent and the second run skips what the first did. See {@code samples/README.md}.
 *
 * <p>Not published: an example to copy from.
 */
package dev.jobstate.samples;
