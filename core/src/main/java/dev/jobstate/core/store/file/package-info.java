/**
 * The file store: one JSON file per account, type and day, written under a lock through a temp file,
 * fsync and an atomic rename, so a crash leaves either the old file or the new one. Files that cannot
 * be read are set aside, never deleted.
 *
 * <p>Internal: not a supported API. Bots use {@code jobstate-api} alone; this package may change in
 * any release.
 */
package dev.jobstate.core.store.file;
