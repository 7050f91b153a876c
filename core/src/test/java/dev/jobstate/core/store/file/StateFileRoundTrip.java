package dev.jobstate.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** For tests elsewhere: a recorded result as it comes back after a state file was written and read. */
public final class StateFileRoundTrip {

    private static final DayKey KEY = new DayKey("user@email.com", "daily-set", LocalDate.parse("2025-09-20"));

    private StateFileRoundTrip() {
    }

    /** {@code result} written into a state file by {@link StateCodec} and read back from its bytes. */
    public static JsonNode of(JsonNode result) {
        StateCodec codec = new StateCodec();
        DayState day = DayState.of(KEY, List.of("a"), List.of(), Instant.parse("2025-09-20T10:30:00Z"),
                Map.of("a", result), Map.of(), Map.of());
        try {
            return codec.decode(KEY, codec.encode(day)).results().get("a");
        } catch (CorruptStateException e) {
            throw new AssertionError("a state file with this result does not read back: " + e.getMessage(), e);
        }
    }
}
