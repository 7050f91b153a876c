package dev.jobstate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which date it is for an account: every instant comes from a fixed clock, never the real one. */
class AccountDaysTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static JobStateConfig config(ZoneId zone, String dayStartsAt, AccountRule... rules) {
        return new JobStateConfig(true, Path.of("unused"), zone, "default", "test", null, null,
                LocalTime.parse(dayStartsAt), List.of(rules));
    }

    private static AccountRule rule(String pattern, String zone, String dayStartsAt) {
        return new AccountRule(pattern, zone == null ? null : ZoneId.of(zone),
                dayStartsAt == null ? null : LocalTime.parse(dayStartsAt));
    }

    private static Instant at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC).instant();
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void byDefaultADayIsTheLocalDateInTheZone() {
        AccountDays days = new AccountDays(config(TOKYO, "00:00"));

        assertEquals(date("2025-09-20"), days.dateOf("a", at("2025-09-20T14:59:59.999Z")));
        assertEquals(date("2025-09-21"), days.dateOf("a", at("2025-09-20T15:00:00Z")), "midnight in Tokyo");
        assertTrue(days.isUniform());
    }

    @Test
    void aDayThatStartsAtFourIsYesterdayAtThreeFiftyNine() {
        AccountDays days = new AccountDays(config(ZoneOffset.UTC, "04:00"));

        assertEquals(date("2025-09-19"), days.dateOf("a", at("2025-09-20T00:00:00Z")));
        assertEquals(date("2025-09-19"), days.dateOf("a", at("2025-09-20T03:59:59.999Z")));
        assertEquals(date("2025-09-20"), days.dateOf("a", at("2025-09-20T04:00:00Z")));
        assertEquals(date("2025-09-20"), days.dateOf("a", at("2025-09-21T03:59:00Z")));
        assertEquals(date("2025-09-21"), days.dateOf("a", at("2025-09-21T04:00:00Z")));
    }

    @Test
    void cachedWindowsAgreeWithTheComputationMinuteByMinuteAcrossDaysAndClockChanges() {
        // Paris 2026: clocks go forward at 02:00 on 29 March, back at 03:00 on 25 October.
        for (String start : List.of("00:00", "02:30", "04:00", "23:59")) {
            AccountDays days = new AccountDays(config(PARIS, start));
            AccountDays.Schedule schedule = days.defaultSchedule();
            for (String from : List.of("2026-03-27T20:00:00Z", "2026-10-23T20:00:00Z")) {
                for (long minute = 0; minute < 4 * 24 * 60; minute += 7) {
                    Instant t = at(from).plusSeconds(minute * 60);
                    LocalDate expected = schedule.dateAt(t);
                    assertEquals(expected, days.dateOf("a", t.toEpochMilli()), start + " at " + t);
                    assertFalse(t.isBefore(schedule.startOf(expected)), start + " at " + t);
                    assertTrue(t.isBefore(schedule.startOf(expected.plusDays(1))), start + " at " + t);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} starting {1}: {2} is {3}")
    @CsvSource({
        // 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00Z); the day is 23 hours long.
        "Europe/Paris, 04:00, 2026-03-29T01:59:00Z, 2026-03-28",   // 03:59 CEST
        "Europe/Paris, 04:00, 2026-03-29T02:00:00Z, 2026-03-29",   // 04:00 CEST
        // 02:30 does not exist that day: the day starts when the clocks jump, 03:00 CEST.
        "Europe/Paris, 02:30, 2026-03-29T00:59:59Z, 2026-03-28",   // 01:59:59 CET
        "Europe/Paris, 02:30, 2026-03-29T01:00:00Z, 2026-03-29",   // 03:00 CEST
        // 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00Z); 02:30 happens twice, the day starts at the first.
        "Europe/Paris, 02:30, 2026-10-25T00:29:59Z, 2026-10-24",   // 02:29:59 CEST
        "Europe/Paris, 02:30, 2026-10-25T00:30:00Z, 2026-10-25",   // 02:30 CEST
        "Europe/Paris, 02:30, 2026-10-25T01:10:00Z, 2026-10-25",   // 02:10 CET, the second time round
        "Europe/Paris, 04:00, 2026-10-25T02:59:00Z, 2026-10-24",   // 03:59 CET
        "Europe/Paris, 04:00, 2026-10-25T03:00:00Z, 2026-10-25",   // 04:00 CET
        // Santiago, 6 September 2026: midnight does not exist, the day starts at 01:00.
        "America/Santiago, 00:00, 2026-09-06T03:59:59Z, 2026-09-05",
        "America/Santiago, 00:00, 2026-09-06T04:00:00Z, 2026-09-06",
        // A leap day.
        "UTC, 04:00, 2028-02-29T03:59:00Z, 2028-02-28",
        "UTC, 04:00, 2028-03-01T03:59:00Z, 2028-02-29",
        "UTC, 23:59, 2028-02-29T23:59:20Z, 2028-02-29",
        "UTC, 23:59, 2028-02-29T23:58:59Z, 2028-02-28",
    })
    void daysAroundClockChangesAndLeapDays(String zone, String start, String instant, String expected) {
        AccountDays days = new AccountDays(config(ZoneId.of(zone), start));

        assertEquals(date(expected), days.dateOf("a", at(instant)));
        assertEquals(date(expected), days.defaultSchedule().dateAt(at(instant)));
    }

    @Test
    void anAccountRuleOverridesTheZoneAndTheStartAndFallsBackForWhatItLeavesOut() {
        AccountDays days = new AccountDays(config(ZoneOffset.UTC, "04:00",
                rule("tokyo@contoso.com", "Asia/Tokyo", null),
                rule("early@contoso.com", null, "01:00")));
        Instant t = at("2025-09-20T02:00:00Z"); // 11:00 in Tokyo

        assertEquals(date("2025-09-19"), days.dateOf("someone-else", t), "the defaults: 02:00 UTC is before 04:00");
        assertEquals(date("2025-09-20"), days.dateOf("early@contoso.com", t), "UTC, starts at 01:00");
        assertEquals(date("2025-09-19"), days.dateOf("tokyo@contoso.com", at("2025-09-19T18:59:00Z")),
                "Tokyo, starts at 04:00: 03:59 there");
        assertEquals(date("2025-09-20"), days.dateOf("tokyo@contoso.com", at("2025-09-19T19:00:00Z")));
        assertEquals(new AccountDays.Schedule(TOKYO, LocalTime.of(4, 0)), days.scheduleOf("tokyo@contoso.com"));
        assertFalse(days.isUniform());
    }

    @Test
    void globsMatchWithStarAndQuestionMarkCaseSensitively() {
        AccountDays days = new AccountDays(config(ZoneOffset.UTC, "00:00",
                rule("*@contoso.com", "Asia/Tokyo", null),
                rule("bot-?", null, "06:00"),
                rule("a.b+c", null, "07:00")));

        assertEquals(TOKYO, days.scheduleOf("alice@contoso.com").zone());
        assertEquals(TOKYO, days.scheduleOf("@contoso.com").zone(), "* matches nothing too");
        assertEquals(ZoneOffset.UTC, days.scheduleOf("alice@CONTOSO.com").zone(), "case-sensitive");
        assertEquals(ZoneOffset.UTC, days.scheduleOf("alice@contoso.com.evil").zone(), "the whole name must match");
        assertEquals(LocalTime.of(6, 0), days.scheduleOf("bot-7").start());
        assertEquals(LocalTime.MIDNIGHT, days.scheduleOf("bot-77").start(), "? is one character");
        assertEquals(LocalTime.of(7, 0), days.scheduleOf("a.b+c").start(), "other characters stand for themselves");
        assertEquals(LocalTime.MIDNIGHT, days.scheduleOf("axb+c").start());
        assertEquals(LocalTime.MIDNIGHT, days.scheduleOf("a.bbc").start());
    }

    @Test
    void theFirstListedRuleThatMatchesWinsExactNamesAndGlobsAlike() {
        AccountDays globFirst = new AccountDays(config(ZoneOffset.UTC, "00:00",
                rule("*@contoso.com", "Asia/Tokyo", null),
                rule("alice@contoso.com", "Europe/Paris", null),
                rule("alice@*", "America/New_York", null)));
        AccountDays exactFirst = new AccountDays(config(ZoneOffset.UTC, "00:00",
                rule("alice@contoso.com", "Europe/Paris", null),
                rule("*@contoso.com", "Asia/Tokyo", null)));

        assertEquals(TOKYO, globFirst.scheduleOf("alice@contoso.com").zone());
        assertEquals(ZoneId.of("America/New_York"), globFirst.scheduleOf("alice@fabrikam.com").zone());
        assertEquals(PARIS, exactFirst.scheduleOf("alice@contoso.com").zone());
        assertEquals(TOKYO, exactFirst.scheduleOf("bob@contoso.com").zone());
    }

    @Test
    void anAccountNoRuleMatchesHasTheDefaultDayAndAGlobMatchingNothingIsFine() {
        AccountDays days = new AccountDays(config(PARIS, "05:00", rule("*@nowhere.invalid", "Asia/Tokyo", "01:00")));

        assertEquals(new AccountDays.Schedule(PARIS, LocalTime.of(5, 0)), days.scheduleOf("alice"));
        assertEquals(date("2025-09-19"), days.dateOf("alice", at("2025-09-20T02:59:00Z")), "04:59 in Paris");
    }

    @Test
    void theListenerHearsEveryCurrentDateOnceAndAgainOnlyWhenTheSetChanges() {
        List<Set<LocalDate>> heard = new ArrayList<>();
        AccountDays days = new AccountDays(config(ZoneOffset.UTC, "00:00", rule("late", null, "04:00")), heard::add);

        days.dateOf("early", at("2025-09-20T12:00:00Z"));
        days.dateOf("late", at("2025-09-20T12:00:00Z"));
        days.dateOf("early", at("2025-09-20T23:00:00Z"));
        assertEquals(List.of(Set.of(date("2025-09-20"))), heard);

        days.dateOf("early", at("2025-09-21T00:00:01Z")); // early's new day; late's is still the 20th
        days.dateOf("late", at("2025-09-21T01:00:00Z"));
        assertEquals(Set.of(date("2025-09-20"), date("2025-09-21")), heard.get(1));

        days.dateOf("late", at("2025-09-21T04:00:00Z"));
        assertEquals(List.of(Set.of(date("2025-09-20")), Set.of(date("2025-09-20"), date("2025-09-21")),
                Set.of(date("2025-09-21"))), heard);
    }

    @Test
    void currentDatesHoldEveryAccountsToday() {
        AccountDays days = new AccountDays(config(ZoneOffset.UTC, "00:00",
                rule("kiritimati", "Pacific/Kiritimati", null), rule("pago", "Pacific/Pago_Pago", "04:00")));
        Instant t = at("2025-09-20T12:00:00Z"); // 02:00 on the 21st in Kiritimati, 01:00 on the 20th in Pago Pago

        assertEquals(Set.of(date("2025-09-19"), date("2025-09-20"), date("2025-09-21")), days.currentDates(t));
        for (String account : Arrays.asList("anyone", "kiritimati", "pago")) {
            assertTrue(days.currentDates(t).contains(days.dateOf(account, t)), account);
        }
    }
}
