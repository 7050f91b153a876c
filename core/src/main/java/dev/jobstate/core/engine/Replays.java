package dev.jobstate.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.log.Log;
import dev.jobstate.core.model.Completions;
import java.util.concurrent.CompletableFuture;

/** What a skipped call returns: the result recorded when the activity completed, read back. */
final class Replays {

    private final ResultCodec results = new ResultCodec();

    /**
     * The replay of {@code id}, completed in {@code day}; or null when its recorded result does not
     * read back as the method's type (the class changed since, say): then the call must run, since
     * a skip would return something other than what the body returned.
     */
    Replay of(ActivitySite site, Completions day, CharSequence id) {
        if (site.returnsVoid()) {
            return Replay.of(null);
        }
        JsonNode recorded = day.result(id.toString());
        Object value;
        if (recorded == null) {
            // An operator's mark, or a result that was too big to record: done, with nothing to give back.
            // Said once per site, and the words are built only then: every skip of it comes here.
            if (site.firstSkipWithoutResult()) {
                Log.warnOnce(site.name() + "#noresult", id + " (" + site.name() + ") completed earlier today"
                        + " without a recorded result; skipped calls of it return " + site.zero() + ".");
            }
            value = site.zero();
        } else {
            value = site.replayedBefore(recorded);
            if (value == null) {
                try {
                    value = results.replay(recorded, site.resultType(), site.loader());
                } catch (RuntimeException e) {
                    Log.warnOnce(site.name() + "#replay", "the result recorded for " + id + " (" + site.name()
                            + ") does not read back as " + site.resultType().getTypeName() + " (" + e.getMessage()
                            + "); such calls run again instead of being skipped.");
                    return null;
                }
                site.replayed(recorded, value);
            }
        }
        return Replay.of(site.returnsFuture() ? CompletableFuture.completedFuture(value) : value);
    }
}
