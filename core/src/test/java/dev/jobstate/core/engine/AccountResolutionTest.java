package dev.jobstate.core.engine;

import static dev.jobstate.core.engine.EngineCalls.config;
import static dev.jobstate.core.engine.EngineCalls.scope;
import static dev.jobstate.core.engine.EngineCalls.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.model.Completions;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.Claim;
import dev.jobstate.core.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

/**
 * Which account an activity call belongs to, first match wins: (1) an {@code @Account} parameter of
 * the activity, (2) an {@code @Account} field of {@code this}, (3) the innermost method with an
 * {@code @Account} parameter still running on the thread, (4) the configured default account.
 */
@ExtendWith(CleanThreadContext.class)
class AccountResolutionTest {

    record Login(String email) {
    }

    record Profile(String email, Login login) {
    }

    static class Bot {
        @Activity(type = "daily-set", id = "quiz-{1}")
        void quizFor(@Account("email") Profile profile, String quiz) {
        }

        @Activity(type = "daily-set", id = "check-in")
        void checkInFor(@Account String account) {
        }

        @Activity(type = "daily-set", id = "poll")
        void pollFor(String ignored, @Account("login.email") Profile profile) {
        }

        @Activity(type = "daily-set", id = "check-in")
        void checkIn() {
        }

        @Activity(type = "daily-set", id = "static-check-in")
        static void staticCheckIn() {
        }
    }

    static class BotWithAccountField {
        @Account("login.email")
        Profile profile;

        BotWithAccountField(Profile profile) {
            this.profile = profile;
        }

        @Activity(type = "search", id = "desktop")
        void search() {
        }

        @Activity(type = "search", id = "mobile")
        void searchFor(@Account String account) {
        }
    }

    abstract static class AccountHolder {
        @Account
        private final String account;

        AccountHolder(String account) {
            this.account = account;
        }
    }

    static class InheritsTheAccountField extends AccountHolder {
        InheritsTheAccountField(String account) {
            super(account);
        }

        @Activity(type = "promotions", id = "promo")
        void promo() {
        }
    }

    static class StaticAccountField {
        @Account
        static String notAnInstanceAccount = "static@example.com";

        @Activity(type = "promotions", id = "promo")
        void promo() {
        }
    }

    static class Runner {
        void runFor(@Account("email") Profile profile) {
        }

        void runForName(@Account String account) {
        }

        void runWithBadPath(@Account("not a path") Profile profile) {
        }

        void noAccount(String text) {
        }
    }

    private static final Instant NOW = Instant.parse("2025-09-20T10:30:00Z");
    private static final Profile ALICE = new Profile("alice@example.com", new Login("alice.login@example.com"));
    private static final Profile BOB = new Profile("bob@example.com", new Login("bob.login@example.com"));

    private StateStore store;
    private ActivityEngine engine;

    @BeforeEach
    void setUp() {
        store = mock(StateStore.class);
        lenient().when(store.read(any(), anyLong())).thenReturn(Completions.NONE);
        lenient().when(store.claim(any(), any())).thenReturn(Claim.Granted.UNLEASED);
        engine = new ActivityEngine(config(ZoneOffset.UTC, "configured@example.com"), store,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void noScopeLeftOpen() {
        engine.closeScope(0);
    }

    /** The account of the call {@code site} would make, as the key the engine reads. */
    private String accountOf(ActivitySite site, Object self, Object... args) {
        Object token = engine.enter(site, self, args);
        assertNotNull(token, "the call should be tracked");
        ArgumentCaptor<DayKey> key = ArgumentCaptor.forClass(DayKey.class);
        verify(store, atLeastOnce()).read(key.capture(), anyLong());
        clearInvocations(store);
        return key.getValue().account();
    }

    private int open(String method, Object arg) {
        return engine.openScope(scope(Runner.class, method), new Object[] {arg});
    }

    // --- (1) an @Account parameter of the activity ---------------------------------------------

    @Test
    void anAccountParameterNamesTheAccountThroughItsPropertyPath() {
        assertEquals("alice@example.com", accountOf(site(Bot.class, "quizFor"), new Bot(), ALICE, "q1"));
    }

    @Test
    void anAccountParameterWithoutAPathIsItsToString() {
        assertEquals("carol", accountOf(site(Bot.class, "checkInFor"), new Bot(), "carol"));
    }

    @Test
    void anAccountParameterMayBeAnyParameterAndFollowANestedPath() {
        assertEquals("bob.login@example.com", accountOf(site(Bot.class, "pollFor"), new Bot(), "x", BOB));
    }

    @Test
    void anAccountParameterBeatsAnAccountFieldAndAnOpenScope() {
        open("runFor", ALICE);

        String account = accountOf(site(BotWithAccountField.class, "searchFor"), new BotWithAccountField(BOB),
                "dave@example.com");

        assertEquals("dave@example.com", account);
    }

    // --- (2) an @Account field of this ---------------------------------------------------------

    @Test
    void anAccountFieldOfThisNamesTheAccount() {
        assertEquals("bob.login@example.com",
                accountOf(site(BotWithAccountField.class, "search"), new BotWithAccountField(BOB)));
    }

    @Test
    void anAccountFieldIsReadOnEachCall() {
        BotWithAccountField bot = new BotWithAccountField(ALICE);
        ActivitySite search = site(BotWithAccountField.class, "search");

        assertEquals("alice.login@example.com", accountOf(search, bot));
        bot.profile = BOB;
        assertEquals("bob.login@example.com", accountOf(search, bot));
    }

    @Test
    void anAccountFieldOfASuperclassCounts() {
        assertEquals("erin@example.com",
                accountOf(site(InheritsTheAccountField.class, "promo"), new InheritsTheAccountField("erin@example.com")));
    }

    @Test
    void anAccountFieldBeatsAnOpenScope() {
        open("runFor", ALICE);

        assertEquals("bob.login@example.com",
                accountOf(site(BotWithAccountField.class, "search"), new BotWithAccountField(BOB)));
    }

    @Test
    void aStaticAccountFieldIsNotTheAccountOfThis() {
        assertEquals("configured@example.com",
                accountOf(site(StaticAccountField.class, "promo"), new StaticAccountField()));
    }

    @Test
    void aStaticActivityHasNoThisAndUsesTheScope() {
        open("runFor", ALICE);

        assertEquals("alice@example.com", accountOf(site(Bot.class, "staticCheckIn"), null));
    }

    // --- (3) the innermost open scope on the thread --------------------------------------------

    @Test
    void anActivityWithoutItsOwnAccountBelongsToTheEnclosingScope() {
        open("runFor", ALICE);

        assertEquals("alice@example.com", accountOf(site(Bot.class, "checkIn"), new Bot()));
    }

    @Test
    void theInnermostScopeWinsAndClosingItRevealsTheOuterOne() {
        ActivitySite checkIn = site(Bot.class, "checkIn");
        int outer = open("runFor", ALICE);
        int inner = open("runForName", "inner@example.com");

        assertEquals("inner@example.com", accountOf(checkIn, new Bot()));
        engine.closeScope(inner);
        assertEquals("alice@example.com", accountOf(checkIn, new Bot()));
        engine.closeScope(outer);
        assertEquals("configured@example.com", accountOf(checkIn, new Bot()));
    }

    @Test
    void closingAScopeAlsoClosesScopesAFailureLeftOpenInsideIt() {
        ActivitySite checkIn = site(Bot.class, "checkIn");
        int outer = open("runFor", ALICE);
        int middle = open("runFor", BOB);
        open("runForName", "leaked@example.com");

        engine.closeScope(middle);

        assertEquals("alice@example.com", accountOf(checkIn, new Bot()));
        engine.closeScope(outer);
        assertEquals("configured@example.com", accountOf(checkIn, new Bot()));
    }

    @Test
    void scopeDepthsCountFromTheOutermost() {
        assertEquals(0, open("runFor", ALICE));
        assertEquals(1, open("runFor", BOB));
        engine.closeScope(1);
        assertEquals(1, open("runFor", BOB));
    }

    @Test
    void aMethodWithoutAnAccountParameterOpensNoScope() {
        assertNull(scope(Runner.class, "noAccount"));
    }

    // --- (4) the configured default account ----------------------------------------------------

    @Test
    void withoutAnyAccountTheConfiguredDefaultApplies() {
        assertEquals("configured@example.com", accountOf(site(Bot.class, "checkIn"), new Bot()));
    }

    @Test
    void theDefaultAccountOfTheDefaultConfigIsDefault() {
        ActivityEngine plain = new ActivityEngine(config(), store, Clock.fixed(NOW, ZoneOffset.UTC));

        plain.enter(site(Bot.class, "checkIn"), new Bot(), new Object[0]);

        ArgumentCaptor<DayKey> key = ArgumentCaptor.forClass(DayKey.class);
        verify(store).read(key.capture(), anyLong());
        assertEquals("default", key.getValue().account());
    }

    @Test
    void withoutAnAccountWhileAnotherThreadIsInsideAScopeTheCallRunsUntrackedNotUnderTheDefault() throws Exception {
        CountDownLatch inScope = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread account = new Thread(() -> {
            int depth = open("runForName", "alice@example.com");
            inScope.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                engine.closeScope(depth);
            }
        });
        account.start();
        try {
            inScope.await();
            assertNull(engine.enter(site(Bot.class, "checkIn"), new Bot(), new Object[0]),
                    "most likely alice's work on a thread jobstate did not follow: not the default account's");
            verifyNoInteractions(store);
        } finally {
            done.countDown();
            account.join();
        }
        assertEquals("configured@example.com", accountOf(site(Bot.class, "checkIn"), new Bot()),
                "once no thread is inside a scope, the default applies again");
    }

    // --- accounts that cannot be told: the call runs untracked ---------------------------------

    @Test
    void aNullAccountParameterLeavesTheCallUntracked() {
        assertNull(engine.enter(site(Bot.class, "checkInFor"), new Bot(), new Object[] {null}));
        verifyNoInteractions(store);
    }

    @Test
    void aBlankAccountParameterLeavesTheCallUntracked() {
        assertNull(engine.enter(site(Bot.class, "checkInFor"), new Bot(), new Object[] {"  "}));
        verifyNoInteractions(store);
    }

    @Test
    void aNullOnTheAccountPathLeavesTheCallUntracked() {
        Profile noLogin = new Profile("x@example.com", null);

        assertNull(engine.enter(site(Bot.class, "pollFor"), new Bot(), new Object[] {"x", noLogin}));
        assertNull(engine.enter(site(Bot.class, "quizFor"), new Bot(),
                new Object[] {new Profile(null, null), "q1"}));
        verifyNoInteractions(store);
    }

    @Test
    void aNullAccountFieldLeavesTheCallUntrackedRatherThanFallingBackToTheDefault() {
        assertNull(engine.enter(site(BotWithAccountField.class, "search"), new BotWithAccountField(null),
                new Object[0]));
        verifyNoInteractions(store);
    }

    @Test
    void anActivityInsideAScopeWhoseAccountIsNullRunsUntracked() {
        open("runFor", new Profile(null, null));

        assertNull(engine.enter(site(Bot.class, "checkIn"), new Bot(), new Object[0]));
        verifyNoInteractions(store);
    }

    @Test
    void anActivityInsideAScopeWithABadAccountPathRunsUntracked() {
        open("runWithBadPath", ALICE);

        assertNull(engine.enter(site(Bot.class, "checkIn"), new Bot(), new Object[0]));
        verifyNoInteractions(store);
    }

    @Test
    void anActivityAfterABrokenScopeClosedBelongsToTheDefaultAgain() {
        int depth = open("runFor", new Profile(null, null));
        engine.closeScope(depth);

        assertEquals("configured@example.com", accountOf(site(Bot.class, "checkIn"), new Bot()));
    }
}
