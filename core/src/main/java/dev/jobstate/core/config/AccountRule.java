package dev.jobstate.core.config;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One entry of {@code jobState.accounts}: the accounts it applies to and what their day is.
 *
 * @param pattern an account name, or a glob in which {@code *} stands for any run of characters
 *     (none included) and {@code ?} for exactly one; case-sensitive, like account names
 * @param zone the zone of these accounts' days, or null for {@code jobState.timezone}
 * @param dayStartsAt the local time their day starts, or null for {@code jobState.dayStartsAt}
 */
public record AccountRule(String pattern, ZoneId zone, LocalTime dayStartsAt) {
}
