/**
 * The PostgreSQL store, for farms of many machines: batched checkpoints, leases with fences so an
 * activity runs on one worker at a time, the schema and its migrations, and what the store does while
 * the database cannot be reached (local files, merged when it returns).
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.store.postgres;
