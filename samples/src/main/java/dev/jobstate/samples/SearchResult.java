package dev.jobstate.samples;

/**
 * What one search earned. A record, so a skipped search shows a whole value read back from the
 * state file, not just a number.
 */
public record SearchResult(String query, int points) {
}
