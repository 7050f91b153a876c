package dev.jobstate.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobstate.cli.farm.Actions;
import dev.jobstate.cli.farm.Scope;
import dev.jobstate.core.model.DayKey;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code POST /api/mark}, {@code /api/unmark}, {@code /api/release}, {@code /api/reset}: the
 * operator's changes, through {@link Actions}, the code the commands run, so a running bot sees a
 * change from a page exactly as one from the command line. Each takes a JSON object
 * ({@code account}, and {@code type}, {@code id}, {@code date} where they apply; the date defaults
 * to the account's today) and answers {@code {"message": ...}}: what the command would have printed.
 * A reset from a page always keeps a backup.
 */
final class ActionApi {

    private final FarmAccess access;
    private final LiveIndex live;
    private final Guard guard;
    private final Clock clock;

    ActionApi(FarmAccess access, LiveIndex live, Guard guard, Clock clock) {
        this.access = access;
        this.live = live;
        this.guard = guard;
        this.clock = clock;
    }

    void mark(Call call) throws IOException, HttpProblem {
        JsonNode body = checked(call);
        DayKey key = key(body);
        done(call, Actions.mark(access.marks(), key, text(body, "id", true)));
    }

    void unmark(Call call) throws IOException, HttpProblem {
        JsonNode body = checked(call);
        DayKey key = key(body);
        try {
            done(call, Actions.unmark(access.marks(), key, text(body, "id", true)));
        } catch (Actions.NothingChanged e) {
            throw HttpProblem.conflict(e.getMessage());
        }
    }

    void release(Call call) throws IOException, HttpProblem {
        JsonNode body = checked(call);
        String account = text(body, "account", true);
        done(call, Actions.release(access.farm(), account, date(body, account), access.quarantineLimit()));
    }

    void reset(Call call) throws IOException, HttpProblem {
        JsonNode body = checked(call);
        String account = text(body, "account", true);
        LocalDate day = date(body, account);
        try {
            done(call, String.join("\n", Actions.reset(access.farm(), new Scope(account, text(body, "type", false),
                    day, day), today(account))));
        } catch (Actions.NothingChanged e) {
            throw HttpProblem.conflict(e.getMessage());
        }
    }

    private JsonNode checked(Call call) throws IOException, HttpProblem {
        guard.checkChange(call);
        return call.jsonBody();
    }

    private void done(Call call, String message) throws IOException {
        live.poke();
        ObjectNode answer = Call.JSON.createObjectNode();
        answer.put("message", message);
        call.json(200, answer);
    }

    private DayKey key(JsonNode body) throws HttpProblem {
        String account = text(body, "account", true);
        return new DayKey(account, text(body, "type", true), date(body, account));
    }

    private LocalDate today(String account) {
        return access.days().dateOf(account, clock.instant());
    }

    private LocalDate date(JsonNode body, String account) throws HttpProblem {
        String text = text(body, "date", false);
        if (text == null) {
            return today(account);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest("'" + text + "' is not a date: use YYYY-MM-DD");
        }
    }

    private static String text(JsonNode body, String field, boolean required) throws HttpProblem {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
            if (required) {
                throw HttpProblem.badRequest("missing " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw HttpProblem.badRequest(field + " must be a string");
        }
        return value.textValue();
    }
}
