/**
 * The annotations a bot uses to become resumable: {@link dev.jobstate.Activity} on the methods that
 * do the work and {@link dev.jobstate.Account} on whatever names the account. They do nothing by
 * themselves; the jobstate agent ({@code -javaagent:jobstate.jar}) gives them their meaning.
 *
 * <p>Supported API: this package is what bots compile against, and it changes only compatibly.
 */
package dev.jobstate;
