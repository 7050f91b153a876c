package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.Mutation;
import dev.jobstate.core.store.StateStore;
import dev.jobstate.core.telemetry.ActivityOutcome;
import dev.jobstate.core.telemetry.Telemetry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How a run ended, checkpointed: completed with its result, or failed — with its own exception, or
 * because a child activity of its account failed inside it. Then the run's parent learns of it, and
 * the run's key is free for the next call.
 */
final class Outcomes {

    private final StateStore store;
    private final Clock clock;
    private final RunningKeys running;
    private final ResultCodec results = new ResultCodec();
    private final Consumer<DayKey> onFailure;

    Outcomes(StateStore store, Clock clock, RunningKeys running, Consumer<DayKey> onFailure) {
        this.store = store;
        this.clock = clock;
        this.running = running;
        this.onFailure = onFailure;
    }

    /** Records how {@code run} ended; returns once it is durable (or saving it failed, said once). */
    void record(Run run, Object value, Throwable thrown) {
        Mutation change = null;
        try {
            change = outcome(run, value, thrown);
            save(run, change);
        } catch (RuntimeException e) {
            Log.errorOnce(run.site.name() + "#checkpoint", "jobstate failed to checkpoint " + run.site.name()
                    + "; it is not saved.", e);
        } finally {
            settle(run, change);
        }
    }

    /**
     * Records a failed attempt of {@code run} that is tried again within the same call: the run
     * goes on, so its key stays taken and its parent hears nothing yet.
     *
     * @return the failure recorded, for {@link #settle} if no further attempt follows
     */
    Mutation recordAttempt(Run run, Throwable thrown) {
        Mutation change = outcome(run, null, thrown);
        save(run, change);
        return change;
    }

    /** The run is over, ended by {@code change} (null when nothing was recorded): its key is free. */
    void settle(Run run, Mutation change) {
        try {
            tellParent(run, change);
            store.runEnded(run.key, run.id);
        } finally {
            running.release(run.running, run.slot);
            Telemetry.ended(run.event, run.site.name(), run.key, run.id, how(change), run.attempt);
        }
    }

    private static ActivityOutcome how(Mutation change) {
        if (change instanceof Mutation.Completed) {
            return ActivityOutcome.COMPLETED;
        }
        return change instanceof Mutation.Failed ? ActivityOutcome.FAILED : ActivityOutcome.NOT_RECORDED;
    }

    private void save(Run run, Mutation change) {
        if (change == null) {
            return;
        }
        if (change instanceof Mutation.Failed) {
            onFailure.accept(run.key);
        }
        long started = System.nanoTime();
        try {
            store.checkpoint(run.key, change, run.lease);
            Telemetry.checkpointed(started);
        } catch (IOException alreadyReported) {
            // The store said once that saving fails; the host carries on with its own outcome.
            Telemetry.checkpointFailed();
        } catch (RuntimeException e) {
            Telemetry.checkpointFailed();
            Log.errorOnce(run.site.name() + "#checkpoint", "jobstate failed to checkpoint " + run.site.name()
                    + "; it is not saved.", e);
        }
    }

    /**
     * A call that returned a future is done when the future is. The caller gets a future of its own
     * that completes as the original did, once the outcome is durable: nothing the caller chains on
     * it runs ahead of the checkpoint. Cancelling it cancels the original.
     */
    Object follow(Run run, Object returned) {
        if (!(returned instanceof CompletionStage<?> stage)) {
            record(run, null, new NullPointerException(run.site.name() + " returned null instead of a future"));
            return returned;
        }
        CompletableFuture<Object> callers = new CompletableFuture<>();
        run.slot.pending(callers);
        stage.whenComplete((value, failure) -> {
            try {
                record(run, value, failure == null ? null : cause(failure));
            } finally {
                if (failure == null) {
                    callers.complete(value);
                } else {
                    callers.completeExceptionally(failure);
                }
            }
        });
        if (returned instanceof Future<?> work) {
            callers.whenComplete((value, failure) -> {
                if (callers.isCancelled()) {
                    work.cancel(true);
                }
            });
        }
        return callers;
    }

    private Mutation outcome(Run run, Object value, Throwable thrown) {
        Instant now = clock.instant();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.startNanos);
        int cap = run.site.attempts().maxAttempts();
        if (thrown != null) {
            return new Mutation.Failed(run.id, now, thrown.getClass().getName(), thrown.getMessage(), millis, cap);
        }
        Run.FailedChild child = run.failedChild();
        if (child != null) {
            return new Mutation.Failed(run.id, now, child.exception(), "child activity " + child.type() + "/"
                    + child.id() + " failed inside it: " + child.message(), millis, cap);
        }
        if (run.site.returnsVoid()) {
            return new Mutation.Completed(run.id, now, millis, null);
        }
        JsonNode result;
        try {
            result = results.record(value, run.site.resultType());
        } catch (IllegalArgumentException e) {
            Log.errorOnce(run.site.name() + "#record", "the result of " + run.site.name() + " cannot be replayed as"
                    + " it was returned (" + e.getMessage() + "), so such calls are not recorded as done and "
                    + (run.site.attempts().once() ? "stay in doubt once they ran (@Activity(once = true))."
                    : "run every time."), null);
            return null;
        }
        return new Mutation.Completed(run.id, now, millis, result);
    }

    /** A parent that caught a failure of its own account's child did not do its work. */
    private static void tellParent(Run run, Mutation change) {
        Run parent = run.parent;
        if (parent == null || !parent.owns(run)) {
            return;
        }
        if (change instanceof Mutation.Failed failed) {
            parent.childFailed(run, failed.exception(), failed.message());
        } else {
            parent.childCompleted(run);
        }
    }

    private static Throwable cause(Throwable failure) {
        boolean wrapped = failure instanceof CompletionException || failure instanceof ExecutionException;
        return wrapped && failure.getCause() != null ? failure.getCause() : failure;
    }
}
