package dev.jobstate.core.store.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Which days an operator's query covers: an account and a type (null for all), a range of dates,
 * both ends included (null for open), and a set of accounts (null for all). Values always travel as
 * bind parameters.
 */
public record PgScope(String account, String type, LocalDate from, LocalDate to, List<String> accounts) {

    public static final PgScope ALL = new PgScope(null, null, null, null);

    public PgScope(String account, String type, LocalDate from, LocalDate to) {
        this(account, type, from, to, null);
    }

    /** This scope, narrowed to {@code only} of its accounts: a page of a farm read in one query. */
    public PgScope onlyAccounts(List<String> only) {
        return new PgScope(account, type, from, to, List.copyOf(only));
    }

    /** {@code WHERE ...} over columns account, type, day of {@code alias} ("" or "a."); "TRUE" for all. */
    String where(String alias) {
        StringBuilder sql = new StringBuilder("TRUE");
        if (account != null) {
            sql.append(" AND ").append(alias).append("account = ?");
        }
        if (type != null) {
            sql.append(" AND ").append(alias).append("type = ?");
        }
        if (from != null) {
            sql.append(" AND ").append(alias).append("day >= ?");
        }
        if (to != null) {
            sql.append(" AND ").append(alias).append("day <= ?");
        }
        if (accounts != null) {
            sql.append(" AND ").append(alias).append("account = ANY (?)");
        }
        return sql.toString();
    }

    /** Binds the values {@link #where} asks for from {@code index} on; returns the next index. */
    int bind(PreparedStatement statement, int index) throws SQLException {
        int i = index;
        if (account != null) {
            statement.setString(i++, account);
        }
        if (type != null) {
            statement.setString(i++, type);
        }
        if (from != null) {
            statement.setObject(i++, from);
        }
        if (to != null) {
            statement.setObject(i++, to);
        }
        if (accounts != null) {
            statement.setArray(i++, statement.getConnection().createArrayOf("text", accounts.toArray()));
        }
        return i;
    }
}
