/**
 * How jobstate is configured: the {@code jobState} section of the bot's own config file (the one the
 * agent argument {@code config=} or {@code -Djobstate.config} names, else {@code src/config.json} or
 * {@code config.json}) read into one {@link dev.jobstate.core.config.JobStateConfig}, with every mistake
 * reported with where it was made, before anything runs.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.config;
