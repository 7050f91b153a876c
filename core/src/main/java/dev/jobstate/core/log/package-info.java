/**
 * The one voice jobstate speaks with on the host's stderr: lines prefixed {@code [jobstate]}, warnings
 * said once, and nothing printed that the host did not need to hear.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.log;
