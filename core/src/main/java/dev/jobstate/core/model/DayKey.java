package dev.jobstate.core.model;

import java.time.LocalDate;
import java.util.Objects;

/** One state file's worth of work: an account's activities of one type on one date. */
public record DayKey(String account, String type, LocalDate date) {

    public DayKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(date, "date");
    }

    @Override
    public String toString() {
        return account + "/" + type + "/" + date;
    }
}
