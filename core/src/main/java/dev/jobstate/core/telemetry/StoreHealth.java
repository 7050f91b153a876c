package dev.jobstate.core.telemetry;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How the store in use is doing, read when the MBean is asked. The agent, which builds the store,
 * fills it in, so that this package needs no store's classes.
 *
 * @param store {@code file} or {@code postgres}
 * @param savingFails whether the last attempt to save (or read) state failed
 * @param lastProblem the last such failure's text, or null if there was none
 * @param databaseOutage whether the PostgreSQL store is writing to its local files meanwhile
 */
public record StoreHealth(String store, BooleanSupplier savingFails, Supplier<String> lastProblem,
                          BooleanSupplier databaseOutage) {
}
