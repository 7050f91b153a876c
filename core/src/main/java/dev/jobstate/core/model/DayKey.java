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

    // Written out rather than the record's own: those are bootstrapped through method handles at
    // their first call, milliseconds on the bot's first checkpoint (this is a map key there).
    @Override
    public boolean equals(Object other) {
        return other instanceof DayKey key && account.equals(key.account) && type.equals(key.type)
                && date.equals(key.date);
    }

    @Override
    public int hashCode() {
        return (account.hashCode() * 31 + type.hashCode()) * 31 + date.hashCode();
    }

    @Override
    public String toString() {
        return account + "/" + type + "/" + date;
    }
}
