package dev.jobstate.core.store.postgres;

import dev.jobstate.core.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * Keeps this worker's leases alive while their activities run: every third of the lease, one
 * statement extends them all. A worker that stalls (or dies) stops renewing, so its leases run out
 * and another worker may take the activities over.
 */
final class LeaseKeeper {

    private final PgConnections connections;
    private final ActivitySql sql;
    private final long leaseMillis;
    private final Outage outage;
    private final Background background;
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> renewing;

    LeaseKeeper(PgConnections connections, ActivitySql sql, long leaseMillis, Outage outage, Background background) {
        this.connections = connections;
        this.sql = sql;
        this.leaseMillis = leaseMillis;
        this.outage = outage;
        this.background = background;
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
        renewing = background.every(Math.max(1, leaseMillis / 3), this::renew);
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
}
