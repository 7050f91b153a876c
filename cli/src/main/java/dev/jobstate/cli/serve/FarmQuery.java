package dev.jobstate.cli.serve;

import dev.jobstate.cli.farm.FarmToday;
import dev.jobstate.cli.farm.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the farm page asks for: which rows (account, type, what they show), in which order, and
 * which page of them. Done here, on the server, so a farm of 10,000 accounts sends a page's rows,
 * not 30,000 to the browser.
 *
 * @param account a part of the account's name, any case; null for all
 * @param type the type, exactly; null for all
 */
record FarmQuery(String account, String type, Show show, Sort sort, int page, int size) {

    static final int MAX_SIZE = 500;

    /** Which rows: every one, or those that show something. */
    enum Show {
        ALL("all"), LEFT("left"), FAILED("failed"), GAVE_UP("gaveup"), IN_DOUBT("indoubt"),
        INTERRUPTED("interrupted"), NOT_STARTED("notstarted"), QUARANTINED("quarantined"), UNREADABLE("unreadable");

        final String word;

        Show(String word) {
            this.word = word;
        }
    }

    enum Sort {
        WORST("worst"), ACCOUNT("account"), UPDATED("updated");

        final String word;

        Sort(String word) {
            this.word = word;
        }
    }

    /** The rows of one page, and how many rows match in all. */
    record Page(List<Status.Row> rows, int matching) {
    }

    static FarmQuery of(Call call) throws HttpProblem {
        return new FarmQuery(call.param("account"), call.param("type"), word(Show.values(), call.param("show"), Show.ALL),
                word(Sort.values(), call.param("sort"), Sort.WORST), call.intParam("page", 0, 0, 1_000_000),
                call.intParam("size", 100, 1, MAX_SIZE));
    }

    /** Every row of {@code today} in this query's order: the same for every query of one version and sort. */
    List<Status.Row> sorted(FarmToday today) {
        return today.status().rows().stream().sorted(order()).toList();
    }

    /** @param sorted {@link #sorted} of {@code today} */
    Page apply(FarmToday today, List<Status.Row> sorted) {
        Predicate<Status.Row> wanted = row -> (type == null || type.equals(row.type()))
                && (show == Show.QUARANTINED ? today.quarantined().containsKey(row.account()) : shows(row));
        if (account != null) {
            String part = account.toLowerCase(Locale.ROOT);
            wanted = wanted.and(row -> row.account().toLowerCase(Locale.ROOT).contains(part));
        }
        List<Status.Row> matching = sorted.stream().filter(wanted).toList();
        int from = Math.min(matching.size(), page * size);
        return new Page(matching.subList(from, Math.min(matching.size(), from + size)), matching.size());
    }

    private boolean shows(Status.Row row) {
        return switch (show) {
            case ALL, QUARANTINED -> true;
            case LEFT -> row.problem() != null || row.completed() < row.known();
            case FAILED -> !row.failed().isEmpty();
            case GAVE_UP -> row.failed().stream().anyMatch(f -> f.failure().gaveUp());
            case IN_DOUBT -> !row.inDoubt().isEmpty();
            case INTERRUPTED -> row.interrupted() > 0;
            case NOT_STARTED -> row.notStarted() > 0;
            case UNREADABLE -> row.problem() != null;
        };
    }

    private Comparator<Status.Row> order() {
        return switch (sort) {
            case WORST -> Status.WORST_FIRST;
            case ACCOUNT -> Comparator.comparing(Status.Row::account).thenComparing(Status.Row::type);
            case UPDATED -> Comparator.comparing(Status.Row::lastUpdate, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(Status.Row::account).thenComparing(Status.Row::type);
        };
    }

    private static <E extends Enum<E>> E word(E[] values, String text, E otherwise) throws HttpProblem {
        if (text == null) {
            return otherwise;
        }
        for (E value : values) {
            String word = value instanceof Show s ? s.word : ((Sort) value).word;
            if (word.equals(text)) {
                return value;
            }
        }
        throw HttpProblem.badRequest("unknown value '" + text + "'");
    }
}
