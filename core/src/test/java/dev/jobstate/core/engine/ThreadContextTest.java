package dev.jobstate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A thread's context captured on one thread, attached on another, detached, and hidden by isolate. */
@ExtendWith(CleanThreadContext.class)
class ThreadContextTest {

    @AfterEach
    void nothingLeftOpen() {
        Scopes.close(0);
        assertFalse(Scopes.anyOpen(), "a test left a scope open on some thread");
    }

    /** Runs {@code body} on a new thread, which starts outside any context, and waits for it. */
    private static <T> T onAnotherThread(Supplier<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.start();
        thread.join();
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void outsideAnyScopeThereIsNothingToCapture() {
        assertNull(ThreadContext.capture());
    }

    @Test
    void theAttachedScopeIsTheInnermostUntilDetached() throws Exception {
        Scopes.open("alice@example.com");
        Object alice = ThreadContext.capture();
        Scopes.close(0);

        String[] seen = onAnotherThread(() -> {
            String before = Scopes.account();
            Object token = ThreadContext.attach(alice);
            String during = Scopes.account();
            ThreadContext.detach(token);
            return new String[] {before, during, Scopes.account()};
        });

        assertNull(seen[0]);
        assertEquals("alice@example.com", seen[1]);
        assertNull(seen[2]);
    }

    @Test
    void aCaptureIsTheInnermostScopeAtTheTime() throws Exception {
        Scopes.open("alice@example.com");
        Scopes.open("bob@example.com");
        Object bob = ThreadContext.capture();
        Scopes.close(1);
        Object alice = ThreadContext.capture();
        Scopes.close(0);

        assertEquals("bob@example.com", onAnotherThread(() -> accountInside(bob)));
        assertEquals("alice@example.com", onAnotherThread(() -> accountInside(alice)));
    }

    private static String accountInside(Object captured) {
        Object token = ThreadContext.attach(captured);
        try {
            return Scopes.account();
        } finally {
            ThreadContext.detach(token);
        }
    }

    @Test
    void anAttachedContextCoversTheThreadsOwnScopesAndDetachingRevealsThemAgain() {
        Scopes.open("bob@example.com");
        Object bob = ThreadContext.capture();
        Scopes.close(0);
        Scopes.open("alice@example.com");

        Object token = ThreadContext.attach(bob);
        assertEquals("bob@example.com", Scopes.account());
        ThreadContext.detach(token);

        assertEquals("alice@example.com", Scopes.account());
    }

    @Test
    void detachingAlsoClosesScopesTheWorkLeftOpen() {
        Scopes.open("alice@example.com");
        Object alice = ThreadContext.capture();
        Scopes.close(0);

        Object token = ThreadContext.attach(alice);
        Scopes.open("leaked@example.com");
        ThreadContext.detach(token);

        assertNull(Scopes.account());
        assertNull(ThreadContext.capture());
    }

    @Test
    void attachingNothingChangesNothing() {
        Scopes.open("alice@example.com");

        Object token = ThreadContext.attach(null);
        assertNull(token);
        assertEquals("alice@example.com", Scopes.account());
        ThreadContext.detach(token);

        assertEquals("alice@example.com", Scopes.account());
    }

    @Test
    void anIsolatedThreadSeesNoScopeAndHasNothingToCaptureUntilDetached() {
        Scopes.open("alice@example.com");

        Object token = ThreadContext.isolate();
        assertNull(Scopes.account());
        assertNull(ThreadContext.capture(), "work handed over from inside isolated work carries nothing");
        assertTrue(Scopes.anyOpen(), "the thread still runs alice's method: such work is untracked,"
                + " never the default account's");
        ThreadContext.detach(token);

        assertEquals("alice@example.com", Scopes.account());
    }

    @Test
    void aScopeOpenedInsideIsolatedWorkIsSeenAndClosedWithIt() {
        Scopes.open("alice@example.com");
        Object token = ThreadContext.isolate();

        Scopes.open("bob@example.com");
        assertEquals("bob@example.com", Scopes.account());
        ThreadContext.detach(token);

        assertEquals("alice@example.com", Scopes.account());
    }

    @Test
    void isolatingAThreadWithoutAContextCostsNothingAndHidesNothing() {
        assertNull(ThreadContext.isolate());
        assertFalse(Scopes.anyOpen());
    }

    @Test
    void onlyThreadsRunningAnAccountsMethodCountAsInsideAScopeNotThoseRunningWorkItHandedOver() throws Exception {
        Scopes.open("alice@example.com");
        Object alice = ThreadContext.capture();
        assertTrue(Scopes.anyOpen());
        Scopes.close(0);
        assertFalse(Scopes.anyOpen());

        boolean[] seen = onAnotherThread(() -> {
            Object token = ThreadContext.attach(alice);
            boolean attached = Scopes.anyOpen();
            int own = Scopes.open("bob@example.com");
            boolean ownInside = Scopes.anyOpen();
            Scopes.close(own);
            ThreadContext.detach(token);
            return new boolean[] {attached, ownInside, Scopes.anyOpen()};
        });

        assertFalse(seen[0], "a pool thread detaches a moment after the host saw its task done,"
                + " and a thread started inside a scope may outlive it by hours");
        assertTrue(seen[1], "a method with an @Account parameter running inside handed-over work counts");
        assertFalse(seen[2]);
    }

    @Test
    void aThreadWithScopesDeeperThanTheFirstArraysStillCountsThemAll() {
        for (int depth = 0; depth < 20; depth++) {
            Scopes.open("account-" + depth + "@example.com");
        }
        assertEquals("account-19@example.com", Scopes.account());
        Scopes.close(5);
        assertTrue(Scopes.anyOpen());
        assertEquals("account-4@example.com", Scopes.account());
        Scopes.close(0);
        assertFalse(Scopes.anyOpen());
    }
}
