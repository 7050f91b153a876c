/**
 * The vocabulary every store and tool speaks: a day of one account and type
 * ({@link dev.jobstate.core.model.DayKey}), what was completed on it and with what result, what failed
 * last, and the changes ({@link dev.jobstate.core.model.Mutation}) a checkpoint or an operator makes to it.
 * Data and the rules on it; no I/O.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.model;
