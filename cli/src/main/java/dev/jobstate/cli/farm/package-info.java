/**
 * Reading and changing a farm for the operator's commands, whichever store keeps it: a state
 * folder or a PostgreSQL schema, both a {@code Farm}; status, history, report
 * collection, marks, prune, reset, verify, export and import.
 *
 * <p>Internal: not a supported API; it may change in any release.
 */
package dev.jobstate.cli.farm;
