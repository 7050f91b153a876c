package dev.jobstate.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.cli.farm.AccountActivities;
import dev.jobstate.cli.farm.Farm;
import dev.jobstate.cli.farm.FarmToday;
import dev.jobstate.cli.farm.Status;
import dev.jobstate.core.model.LastFailure;
import dev.jobstate.core.store.AccountFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code GET /api/account?name=<account>&days=N}: one account's last days, activity by activity,
 * read from the store on each change of the account (the index says when: {@code since} works as on
 * the farm page), with its quarantine standing and today's rows as the farm page counts them.
 */
final class AccountApi {

    static final int MAX_DAYS = 90;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final FarmAccess access;
    private final LiveIndex live;
    private final ZoneId zone;
    private final Clock clock;

    AccountApi(FarmAccess access, LiveIndex live, ZoneId zone, Clock clock) {
        this.access = access;
        this.live = live;
        this.zone = zone;
        this.clock = clock;
    }

    void handle(Call call) throws IOException, HttpProblem {
        String account = call.param("name");
        if (account == null) {
            throw HttpProblem.badRequest("name the account: /account?name=<account>");
        }
        int days = call.intParam("days", 7, 1, MAX_DAYS);
        LiveIndex.View view = live.current();
        String tag = live.versionOf(account) + "-" + days + (view.problem() == null ? "" : "-problem");
        ObjectNode body = Call.JSON.createObjectNode();
        body.put("tag", tag);
        body.put("checkedAt", clock(view.checkedAt()));
        if (tag.equals(call.param("since"))) {
            body.put("unchanged", true);
            call.json(200, body);
            return;
        }
        body.put("problem", view.problem());
        Farm farm = access.farm();
        Instant now = clock.instant();
        LocalDate today = access.days().dateOf(account, now);
        AccountActivities read = AccountActivities.read(farm, account, today.minusDays(days - 1L), today, today);
        body.put("account", account);
        body.put("today", today.toString());
        body.put("days", days);
        quarantine(body, farm, account, today);
        summary(body.putArray("rows"), view.today(), account);
        ArrayNode list = body.putArray("dayList");
        for (AccountActivities.Day day : read.days()) {
            ObjectNode d = list.addObject();
            d.put("date", day.date().toString());
            d.put("today", day.date().equals(today));
            d.put("type", day.type());
            d.put("problem", day.problem());
            d.put("lastUpdate", clock(day.lastUpdate()));
            d.put("resetAt", clock(day.resetAt()));
            ArrayNode activities = d.putArray("activities");
            day.activities().forEach(a -> activity(activities.addObject(), a));
        }
        call.json(200, body);
    }

    private void quarantine(ObjectNode body, Farm farm, String account, LocalDate today) throws IOException {
        int limit = access.quarantineLimit();
        if (limit == 0) {
            body.putNull("quarantine");
            return;
        }
        AccountFailures failures = farm.failures(account, today);
        ObjectNode q = body.putObject("quarantine");
        q.put("failures", failures.sinceRelease());
        q.put("limit", limit);
        q.put("quarantined", failures.sinceRelease() >= limit);
    }

    private static void summary(ArrayNode out, FarmToday today, String account) {
        if (today == null) {
            return;
        }
        for (Status.Row row : today.status().rows()) {
            if (row.account().equals(account)) {
                ObjectNode r = out.addObject();
                r.put("type", row.type());
                r.put("completed", row.completed());
                r.put("known", row.known());
                r.put("notStarted", row.notStarted());
                r.put("failed", row.failed().size());
                r.put("inDoubt", row.inDoubt().size());
                r.put("interrupted", row.interrupted());
                r.put("problem", row.problem());
            }
        }
    }

    private void activity(ObjectNode out, AccountActivities.Activity a) {
        out.put("id", a.id());
        out.put("state", a.state().name().toLowerCase(Locale.ROOT).replace("_", ""));
        out.put("attempts", a.attempts());
        if (a.durationMillis() == null) {
            out.putNull("durationMs");
        } else {
            out.put("durationMs", a.durationMillis());
        }
        LastFailure f = a.failure();
        out.put("error", f == null ? null : f.exception() + (f.message() == null ? "" : ": " + f.message()));
        out.put("errorAt", f == null ? null : clock(f.at()));
        out.put("failedAttempts", f == null ? 0 : f.attempts());
        out.put("maxAttempts", f == null ? 0 : f.maxAttempts());
        if (a.resultBytes() == null) {
            out.putNull("resultBytes");
        } else {
            out.put("resultBytes", a.resultBytes());
        }
        out.put("started", clock(a.started()));
        out.put("unmarkedAt", clock(a.unmarkedAt()));
    }

    private String clock(Instant at) {
        return at == null ? null : CLOCK.format(at.atZone(zone));
    }
}
