/**
 * The {@code -javaagent}: premain, the choice of what to instrument (only classes that carry
 * jobstate's annotations), and the advice inlined into {@code @Activity} and {@code @Account} methods,
 * which does nothing but hand over to {@link dev.jobstate.agent.Dispatch}. Public types here are public
 * only because inlined advice and other class loaders must reach them.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.agent;
