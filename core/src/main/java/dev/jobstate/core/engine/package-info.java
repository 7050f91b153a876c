/**
 * The engine a bot's {@code @Activity} calls go through: which activity and account a call is, whether
 * it already succeeded today (then its stored result is replayed), and the checkpoint of a success
 * before the method returns. The agent's advice enters and exits here; the engine drives a
 * {@link dev.jobstate.core.store.StateStore} and knows no store by its implementation.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.engine;
