package dev.jobstate.core.model;

import java.time.Instant;

/**
 * How an activity last failed today, and how many times it has failed today.
 *
 * @param exception the thrown exception's class name
 * @param message its message, or null
 */
public record LastFailure(String exception, String message, Instant at, int attempts) {
}
