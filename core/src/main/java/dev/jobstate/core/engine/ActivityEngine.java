package dev.jobstate.core.engine;

import dev.jobstate.GaveUpException;
import dev.jobstate.InDoubtException;
import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.Lease;
import dev.jobstate.core.store.OwnWork;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.telemetry.ActivityOutcome;
import dev.jobstate.core.telemetry.Telemetry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

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
    private final AccountDays days;
    private final String defaultAccount;
    private final Replays replays = new Replays();
    private final RunningKeys running = new RunningKeys();
    private final Outcomes outcomes;
    private final Quarantine quarantine;
    private CallWatch watch; // set before the engine is published, as its other fields
    private volatile Error halted; // a harness's kill: from then on nothing is decided or saved

    public ActivityEngine(JobStateConfig config, StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.quarantine = new Quarantine(config.quarantineFailuresPerDay(), store, clock::millis);
        this.days = new AccountDays(config, dates -> { // each account's own day
            store.retainOnly(dates);
            quarantine.retainOnly(dates);
        });
        this.defaultAccount = config.defaultAccount();
        this.outcomes = new Outcomes(store, clock, running, quarantine::failed);
        OwnWork.isolateWith(ThreadContext.ISOLATION);
    }

    /**
     * Lets a test harness see every call and stop the run as a kill would ({@link CallWatch}); set
     * before the engine is handed to anyone.
     */
    public ActivityEngine watchedBy(CallWatch callWatch) {
        this.watch = callWatch;
        return this;
    }

    /**
     * @return a {@link Replay} to skip the body, a token to pass to {@link #exit}, or null when the
     *     call is untracked
     */
    public Object enter(ActivitySite site, Object self, Object[] args) {
        return site == null ? null : enter(site, self, args, null, null);
    }

    /**
     * {@link #enter(ActivitySite, Object, Object[])} for a call made from code
     * ({@code JobState.activity}), whose account and id come with it.
     *
     * @param account the call's account, or null for the enclosing scope's, else the default one
     */
    public Object enter(ActivitySite site, String account, String id) {
        return enter(site, null, null, account, id);
    }

    private Object enter(ActivitySite site, Object self, Object[] args, String givenAccount, String givenId) {
        if (halted != null) {
            return Replay.failing(site.zero(), halted, ActivityOutcome.UNTRACKED);
        }
        Object call = Telemetry.callStarts();
        if (site.problem() != null) {
            Log.errorOnce(site.name(), site.problem() + "; it runs untracked.", null);
            Telemetry.decided(call, site.name(), null, null, ActivityOutcome.UNTRACKED);
            return null;
        }
        try {
            String account = givenAccount != null ? givenAccount : account(site, self, args);
            if (givenId != null) {
                return decide(site, account, givenId, call);
            }
            StringBuilder id = IdBuffer.take();
            try {
                site.id().appendTo(id, args);
                return decide(site, account, id, call);
            } finally {
                IdBuffer.give(id);
            }
        } catch (Unresolvable e) {
            Log.errorOnce(site.name(), "cannot tell which activity a call of " + site.name() + " is: "
                    + e.getMessage() + "; such calls run untracked.", null);
            Telemetry.decided(call, site.name(), null, null, ActivityOutcome.UNTRACKED);
            return null;
        } catch (RuntimeException e) {
            Log.errorOnce(site.name(), "jobstate failed deciding on " + site.name()
                    + "; such calls run untracked.", e);
            Telemetry.decided(call, site.name(), null, null, ActivityOutcome.UNTRACKED);
            return null;
        }
    }

    /** Skip, refuse or run the call {@code id} of {@code account}'s day. */
    private Object decide(ActivitySite site, String account, CharSequence id, Object call) {
        long now = clock.millis();
        DayKey key = site.keyFor(account, days.dateOf(account, now));
        Completions day = store.read(key, now);
        if (day.isCompleted(id)) {
            Replay replay = replays.of(site, day, id);
            if (replay != null) {
                Telemetry.decided(call, site.name(), key, id, ActivityOutcome.SKIPPED);
                if (watch != null) {
                    watch.decided(key.account(), key.type(), id.toString(), ActivityOutcome.SKIPPED, replay.value());
                }
                return replay;
            }
        }
        Object token = refusal(site, key, day, id);
        if (token == null) {
            RuntimeException quarantined = quarantine.refusal(key);
            token = quarantined != null
                    ? Replay.failing(site.zero(), quarantined, ActivityOutcome.QUARANTINED)
                    : run(site, key, id.toString(), call);
        }
        if (!(token instanceof Run)) { // a run tells how it ended when it has
            ActivityOutcome outcome = token instanceof Replay decided ? decided.outcome() : ActivityOutcome.UNTRACKED;
            Telemetry.decided(call, site.name(), key, id, outcome);
            if (watch != null) {
                watch.decided(key.account(), key.type(), id.toString(), outcome,
                        token instanceof Replay replay && replay.failure() == null ? replay.value() : null);
            }
        }
        return token;
    }

    /**
     * The call is not known as done: it runs, once at a time per key in this JVM. A call of a key
     * another thread runs waits for that outcome; one re-entering a key its own call is running (a
     * recursion, an override calling its annotated super, work the body handed to another thread
     * and waits for) runs untracked inside it, so the outer call alone is recorded and a replay
     * equals what the outer call returned.
     *
     * @param call the call's Flight Recorder event, or null
     */
    private Object run(ActivitySite site, DayKey key, String id, Object call) {
        RunningKeys.Key runningKey = new RunningKeys.Key(key, id);
        while (true) {
            RunningKeys.Slot slot = running.take(runningKey);
            if (slot != null) {
                return claimed(site, runningKey, slot, call);
            }
            RunningKeys.Slot holder = running.holder(runningKey);
            if (holder == null) {
                continue; // it ended in between: take it
            }
            if (holder.isHeldByCaller(ThreadContext.currentRun())) {
                return null;
            }
            CompletableFuture<Object> pending = holder.pendingFuture();
            if (pending != null) {
                // Its future is out: this call shares its outcome rather than block a thread on it.
                return Replay.sharing(pending.thenApply(value -> value));
            }
            try {
                holder.awaitReturnOrEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the host wants its thread back: run, don't wait
                return null;
            }
            Completions day = store.read(key, clock.millis());
            if (day.isCompleted(id)) {
                Replay replay = replays.of(site, day, id);
                if (replay != null) {
                    return replay;
                }
            }
            Replay refused = refusal(site, key, day, id);
            if (refused != null) {
                return refused;
            }
        }
    }

    /** A call of an activity that used up its failed attempts today throws instead of running. */
    private static Replay refusal(ActivitySite site, DayKey key, Completions day, CharSequence id) {
        int cap = site.attempts().maxAttempts();
        if (cap == 0) {
            return null;
        }
        LastFailure failure = day.failure(id.toString());
        if (failure == null || failure.attempts() < cap) {
            return null;
        }
        return Replay.failing(site.zero(), new GaveUpException(key.account(), key.type(), id.toString(),
                failure.attempts(), failure.exception(), failure.message()), ActivityOutcome.GIVEN_UP);
    }

    private Object claimed(ActivitySite site, RunningKeys.Key runningKey, RunningKeys.Slot slot, Object call) {
        try {
            Claim claim = claim(site, runningKey.day(), runningKey.id());
            if (claim instanceof Claim.Done done) {
                Replay replay = replays.of(site, done.day(), runningKey.id());
                if (replay != null) {
                    running.release(runningKey, slot);
                    return replay;
                }
            }
            if (claim instanceof Claim.InDoubt doubt) {
                running.release(runningKey, slot);
                return Replay.failing(site.zero(), inDoubt(runningKey, doubt), ActivityOutcome.IN_DOUBT);
            }
            // Done elsewhere but its result does not read back here: it runs again, and the store
            // keeps the outcome it has.
            Lease lease = claim instanceof Claim.Granted granted ? granted.lease() : Lease.NONE;
            Run run = new Run(site, runningKey, slot, lease, ThreadContext.currentRun(), call);
            recordStart(run);
            store.runStarted(run.key, run.id);
            Error killed = killedBeforeBody(run);
            if (killed != null) {
                running.release(runningKey, slot);
                return Replay.failing(site.zero(), killed, ActivityOutcome.UNTRACKED);
            }
            slot.heldBy(run);
            ThreadContext.enterRun(run);
            return run;
        } catch (RuntimeException | Error e) {
            running.release(runningKey, slot);
            throw e;
        }
    }

    private Error killedBeforeBody(Run run) {
        Error killed = watch == null ? null : watch.beforeBody(run.key.account(), run.key.type(), run.id);
        return killed == null ? null : halt(killed);
    }

    /** The first kill stands: every call after it, on any thread, throws that one. */
    private synchronized Error halt(Error killed) {
        if (halted == null) {
            halted = killed;
        }
        return halted;
    }

    private Claim claim(ActivitySite site, DayKey key, String id) {
        return site.attempts().once() ? store.claimOnce(key, id) : store.claim(key, id);
    }

    private static InDoubtException inDoubt(RunningKeys.Key key, Claim.InDoubt doubt) {
        return new InDoubtException(key.day().account(), key.day().type(), key.id(), doubt.startedAt());
    }

    /**
     * A once activity's start is made durable before its body runs. When it cannot be, the body runs
     * anyway, as everything does while saving fails (said once by the store): the host's work comes
     * first, and a disk that takes no start takes no outcome either.
     */
    private void recordStart(Run run) {
        if (!run.site.attempts().once()) {
            return;
        }
        try {
            store.checkpoint(run.key, new Mutation.Started(run.id, clock.instant()), run.lease);
        } catch (IOException alreadyReported) {
            // The store said once that saving fails.
        } catch (RuntimeException e) {
            Log.errorOnce(run.site.name() + "#start", "jobstate failed to record the start of " + run.site.name()
                    + "; it runs without it, so a crash in the middle would not leave it in doubt.", e);
        }
    }

    /**
     * @param returned what the body returned (or the zero value if it was skipped or threw)
     * @param thrown what the body threw, or null
     * @return what the call returns: the replayed value when skipped, a future that completes once
     *     the outcome is saved for a method that returns one, else {@code returned}
     */
    public Object exit(Object token, Object returned, Throwable thrown) {
        if (token instanceof Replay replay) {
            return replay.value();
        }
        if (token instanceof Run run) {
            ThreadContext.exitRun(run.parent);
            if (killedAfterBody(run, returned, thrown)) {
                running.release(run.running, run.slot);
                return returned;
            }
            if (thrown == null && run.site.returnsFuture()) {
                return outcomes.follow(run, returned);
            }
            if (thrown != null && run.site.attempts().retries(thrown, run.attempt)) {
                retryOrSettle(run, thrown);
                return returned;
            }
            outcomes.record(run, returned, thrown);
        }
        return returned;
    }

    private boolean killedAfterBody(Run run, Object returned, Throwable thrown) {
        if (halted != null) {
            return true;
        }
        Error killed = watch == null ? null
                : watch.afterBody(run.key.account(), run.key.type(), run.id, returned, thrown);
        if (killed != null) {
            halt(killed);
        }
        return killed != null;
    }

    /**
     * What the call {@code token} stands for throws, once {@link #exit} returned: the body's own
     * exception, ours when jobstate refused to run it, or a harness's kill.
     */
    public Throwable thrown(Object token, Throwable thrown) {
        if (token instanceof Replay replay && replay.failure() != null) {
            return replay.failure();
        }
        Error killed = halted;
        return killed != null && token instanceof Run ? killed : thrown;
    }

    /**
     * Whether the method of the call {@code token} stands for is to run again, now that {@link #exit}
     * returned: a failed attempt that is retried within the call. True once per retry.
     */
    public boolean again(Object token) {
        return halted == null && token instanceof Run run && run.takeAgain();
    }

    /**
     * A failed attempt that its activity retries: recorded, then, unless that used up the day's
     * attempts or put the account in quarantine, the wait is interrupted, or the activity completed
     * elsewhere meanwhile, the run takes the activity anew and is marked to run again. Otherwise the
     * run ends with this failure.
     */
    private void retryOrSettle(Run run, Throwable thrown) {
        Mutation failed = outcomes.recordAttempt(run, thrown);
        boolean retried = false;
        try {
            Attempts policy = run.site.attempts();
            LastFailure sofar = policy.maxAttempts() == 0 ? null : store.read(run.key, clock.millis()).failure(run.id);
            boolean allowed = (sofar == null || sofar.attempts() < policy.maxAttempts())
                    && quarantine.refusal(run.key) == null;
            if (allowed && waited(policy.waitMillis(run.attempt))) {
                Claim claim = claim(run.site, run.key, run.id);
                if (claim instanceof Claim.Granted granted) {
                    run.retry(granted.lease());
                    recordStart(run);
                    ThreadContext.enterRun(run);
                    retried = true;
                }
            }
        } finally {
            if (!retried) {
                outcomes.settle(run, failed);
            }
        }
    }

    /** Waits before a retry; an interrupt ends the wait and the retrying, and stays set. */
    private static boolean waited(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Opens the account scope of a method with an {@code @Account} parameter. */
    public int openScope(ScopeSite site, Object[] args) {
        return ThreadContext.open(site, args);
    }

    public void closeScope(int depth) {
        ThreadContext.closeTo(depth);
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
        ThreadContext.Entry scope = ThreadContext.innermost();
        if (scope != null) {
            if (scope.problem() != null) {
                throw new Unresolvable("the account of the enclosing method is unknown: " + scope.problem());
            }
            return scope.account();
        }
        if (ThreadContext.scopesOpenElsewhere()) {
            // Most likely work an account's method handed to a thread jobstate does not follow:
            // filing it under the default account would let one account's work skip another's.
            throw new Unresolvable("it has no account of its own and runs outside any @Account method while"
                    + " other threads are inside one (work handed to a thread jobstate cannot follow?); give it"
                    + " an @Account parameter or field, or call it inside the method with the @Account parameter");
        }
        return defaultAccount;
    }
}
