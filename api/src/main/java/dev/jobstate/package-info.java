/**
 * The annotations a bot uses to become resumable: {@link dev.jobstate.Activity} on the methods that
 * do the work and {@link dev.jobstate.Account} on whatever names the account. They do nothing by
 * themselves; the jobstate agent ({@code -javaagent:jobstate.jar}) gives them their meaning. The
 * exceptions here are what a call throws when jobstate refuses to run it, such as
 * {@link dev.jobstate.GaveUpException}.
 *
 * <p>Supported API: this package is what bots compile against, and it changes only compatibly.
 */
package dev.jobstate;
