/**
 * How an account follows work a bot hands to another thread (executors, futures, fork/join, new
 * threads): advice on a few JDK classes captures the context where work is handed over and attaches it
 * where the work runs.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.agent.handoff;
