package dev.jobstate.core.store.postgres;

import dev.jobstate.core.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this worker's leases alive while their activities run: every third of the lease, one
 * statement extends them all. A worker that stalls (or dies) stops renewing, so its leases run out
 * and another worker may take the activities over.
 */
final class LeaseKeeper implements AutoCloseable {

    private final PgConnections connections;
    private final ActivitySql sql;
    private final long leaseMillis;
    private final Outage outage;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private volatile ScheduledFuture<?> renewing;

    LeaseKeeper(PgConnections connections, ActivitySql sql, long leaseMillis, Outage outage) {
        this.connections = connections;
        this.sql = sql;
        this.leaseMillis = leaseMillis;
        this.outage = outage;
    }

    void hold(long fence) {
        held.add(fence);
        if (renewing == null) {
            start();
        }
    }

    void release(long fence) {
        held.remove(fence);
    }

    private synchronized void start() {
        if (renewing != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jobstate-leases");
            thread.setDaemon(true); // never what keeps the host's JVM alive
            return thread;
        });
        long every = Math.max(1, leaseMillis / 3);
        renewing = timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        if (held.isEmpty() || outage.isOn()) {
            return;
        }
        Long[] fences = held.toArray(Long[]::new);
        try (Connection connection = connections.get();
             PreparedStatement update = connection.prepareStatement(sql.renew)) {
            update.setLong(1, leaseMillis);
            update.setArray(2, connection.createArrayOf("int8", fences));
            update.executeUpdate();
        } catch (SQLException e) {
            outage.begin(e);
        } catch (RuntimeException e) {
            Log.errorOnce(this, "jobstate failed to renew its PostgreSQL leases", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
