package dev.jobstate.cli.farm;

import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.file.DayFileRef;
import java.time.LocalDate;

/**
 * Which state files a command looks at: an account, a type (null for all) and a range of dates,
 * both ends included. Account and type are matched by their encoded names, so a scan never has to
 * open a file to filter it.
 */
public record Scope(String account, String type, LocalDate from, LocalDate to) {

    public static Scope day(LocalDate date) {
        return new Scope(null, null, date, date);
    }

    public Scope withAccount(String name) {
        return new Scope(name, type, from, to);
    }

    public Scope withType(String name) {
        return new Scope(account, name, from, to);
    }

    String accountFolder() {
        return account == null ? null : FolderNames.encode(account);
    }

    boolean includes(DayFileRef ref) {
        return (type == null || FolderNames.encode(type).equals(FolderNames.encode(ref.type())))
                && (from == null || !ref.date().isBefore(from))
                && (to == null || !ref.date().isAfter(to));
    }
}
