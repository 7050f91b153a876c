/**
 * The contract between the engine and where state is kept: {@link dev.jobstate.core.store.StateStore}
 * (every checkpoint goes through its one way in), claims and leases for activities several workers
 * could run, the store's health as the host sees it, and how account and type names become folder names.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.store;
