package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.StateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * Decides, for each {@code @Activity} call, whether it runs, and checkpoints how it ended.
 *
 * <p>The protocol for the caller (instrumentation, or a test): {@link #enter} before the body; a
 * {@link Replay} means skip the body and return {@link #exit}'s value; anything else means run the
 * body, then pass the token, the body's result and its exception (if any) to {@link #exit}. Nothing
 * here throws into the host: a problem is reported once and the call runs as if untracked.
 */
public final class ActivityEngine {

    private final StateStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final String defaultAccount;
    private final ResultCodec results = new ResultCodec();
    private volatile Today today;

    /** Today's date and the instants it runs between, so most calls need only the clock's millis. */
    private record Today(LocalDate date, long fromMillis, long untilMillis) {
    }

    public ActivityEngine(JobStateConfig config, StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.zone = config.zone();
        this.defaultAccount = config.defaultAccount();
    }

    /**
     * @return a {@link Replay} to skip the body, a token to pass to {@link #exit}, or null when the
     *     call is untracked
     */
    public Object enter(ActivitySite site, Object self, Object[] args) {
        if (site == null) {
            return null;
        }
        if (site.problem() != null) {
            Log.errorOnce(site, site.problem() + "; it runs untracked.", null);
            return null;
        }
        try {
            String account = account(site, self, args);
            StringBuilder id = IdBuffer.take();
            try {
                site.id().appendTo(id, args);
                long now = clock.millis();
                DayKey key = site.keyFor(account, today(now));
                Completions day = store.read(key, now);
                if (day.isCompleted(id)) {
                    return Replay.of(replayed(site, day, id));
                }
                String runId = id.toString();
                Claim claim = store.claim(key, runId);
                if (claim instanceof Claim.Done done) {
                    return Replay.of(replayed(site, done.day(), runId));
                }
                return new Run(site, key, runId, ((Claim.Granted) claim).lease(), System.nanoTime());
            } finally {
                IdBuffer.give(id);
            }
        } catch (Unresolvable e) {
            Log.errorOnce(site, "cannot tell which activity a call of " + site.name() + " is: "
                    + e.getMessage() + "; such calls run untracked.", null);
            return null;
        } catch (RuntimeException e) {
            Log.errorOnce(site, "jobstate failed deciding on " + site.name()
                    + "; such calls run untracked.", e);
            return null;
        }
    }

    /**
     * @param returned what the body returned (or the zero value if it was skipped or threw)
     * @param thrown what the body threw, or null
     * @return what the call returns: the replayed value when skipped, else {@code returned}
     */
    public Object exit(Object token, Object returned, Throwable thrown) {
        if (token instanceof Replay replay) {
            return replay.value();
        }
        if (token instanceof Run run) {
            try {
                Instant now = clock.instant();
                Mutation change = thrown == null
                        ? new Mutation.Completed(run.id, now, elapsedMillis(run), recorded(run, returned))
                        : new Mutation.Failed(run.id, now, thrown.getClass().getName(), thrown.getMessage(),
                                elapsedMillis(run));
                store.checkpoint(run.key, change, run.lease);
            } catch (IOException alreadyReported) {
                // The store said once that saving fails; the host carries on with its own outcome.
            } catch (RuntimeException e) {
                Log.errorOnce(run.site, "jobstate failed to checkpoint " + run.site.name()
                        + "; it is not saved.", e);
            }
        }
        return returned;
    }

    /** Opens the account scope of a method with an {@code @Account} parameter. */
    public int openScope(ScopeSite site, Object[] args) {
        return AccountScope.open(site, args);
    }

    public void closeScope(int depth) {
        AccountScope.closeTo(depth);
    }

    private String account(ActivitySite site, Object self, Object[] args) throws Unresolvable {
        if (site.accountParameter() != null) {
            return site.accountParameter().read(self, args);
        }
        if (self != null && !site.isStatic()) {
            AccountSource field = AccountSource.ofFields(self.getClass());
            if (field != null) {
                return field.read(self, args);
            }
        }
        AccountScope.Entry scope = AccountScope.innermost();
        if (scope != null) {
            if (scope.problem() != null) {
                throw new Unresolvable("the account of the enclosing method is unknown: " + scope.problem());
            }
            return scope.account();
        }
        return defaultAccount;
    }

    private LocalDate today(long now) {
        Today current = today;
        if (current != null && now >= current.fromMillis && now < current.untilMillis) {
            return current.date;
        }
        return newDay(now, current);
    }

    private LocalDate newDay(long now, Today previous) {
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        today = new Today(date, date.atStartOfDay(zone).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        if (previous == null || !previous.date.equals(date)) {
            store.retainOnly(date);
        }
        return date;
    }

    private Object replayed(ActivitySite site, Completions day, CharSequence id) {
        if (site.returnsVoid()) {
            return null;
        }
        JsonNode recorded = day.result(id.toString());
        if (recorded == null) {
            Log.warnOnce(site.name() + "#noresult", id + " (" + site.name() + ") completed earlier today"
                    + " without a recorded result; skipped calls of it return " + site.zero() + ".");
            return site.zero();
        }
        Object before = site.replayedBefore(recorded);
        if (before != null) {
            return before;
        }
        try {
            Object value = results.replay(recorded, site.returnType(), site.loader());
            site.replayed(recorded, value);
            return value;
        } catch (RuntimeException e) {
            Log.warnOnce(site.name() + "#replay", "the result recorded for " + id + " (" + site.name()
                    + ") does not read back as " + site.returnType().getTypeName() + " (" + e.getMessage()
                    + "); skipped calls of it return " + site.zero() + ".");
            return site.zero();
        }
    }

    private JsonNode recorded(Run run, Object returned) {
        if (run.site.returnsVoid()) {
            return null;
        }
        try {
            return results.record(returned, run.site.returnType());
        } catch (RuntimeException e) {
            Log.warnOnce(run.site.name() + "#record", "the result of " + run.site.name()
                    + " cannot be recorded (" + e.getMessage() + "); it completes, and skipped calls of it"
                    + " will return " + run.site.zero() + ".");
            return null;
        }
    }

    private static long elapsedMillis(Run run) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.startNanos);
    }
}
