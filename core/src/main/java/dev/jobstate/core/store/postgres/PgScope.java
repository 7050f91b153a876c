package dev.jobstate.core.store.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Which days an operator's query covers: an account and a type (null for all) and a range of
 * dates, both ends included (null for open). Values always travel as bind parameters.
 */
public record PgScope(String account, String type, LocalDate from, LocalDate to) {

    public static final PgScope ALL = new PgScope(null, null, null, null);

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
        return i;
    }
}
