package dev.jobstate.cli.farm;

import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.model.DayNotes;
import dev.jobstate.core.model.DayState;
import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.file.RunJournals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runs' journals of a state folder say of its days: which {@code @Activity(once = true)}
 * a live run is running (so it is not in doubt), and which activities a dead run started and never
 * ended, with nothing run since: an interrupted run.
 */
final class Unended {

    static final Unended NONE = new Unended(Map.of());

    private final Map<DayKey, List<RunJournals.Open>> byDay;
    private final Set<DayKey> shown = ConcurrentHashMap.newKeySet();
    /** The account folders the journals speak of, as the file store names them. */
    private final Set<String> folders;

    private Unended(Map<DayKey, List<RunJournals.Open>> byDay) {
        this.byDay = byDay;
        Set<String> encoded = new HashSet<>();
        byDay.keySet().forEach(key -> encoded.add(FolderNames.encode(key.account())));
        this.folders = encoded;
    }

    static Unended read(Path root) throws IOException {
        Map<DayKey, List<RunJournals.Open>> byDay = new HashMap<>();
        for (RunJournals.Open open : RunJournals.read(root)) {
            byDay.computeIfAbsent(open.key(), k -> new ArrayList<>()).add(open);
        }
        return byDay.isEmpty() ? NONE : new Unended(byDay);
    }

    /** Whether a run's journal speaks of a day of account folder {@code folder}: its rows depend on it. */
    boolean touches(String folder) {
        return folders.contains(folder);
    }

    Set<String> runningNow(DayKey key) {
        Set<String> ids = new LinkedHashSet<>();
        for (RunJournals.Open open : byDay.getOrDefault(key, List.of())) {
            if (open.live()) {
                ids.add(open.id());
            }
        }
        return ids;
    }

    /**
     * Ids a dead run started on {@code key}'s day and never ended, that have not completed, are not
     * a once activity's start (that one is in doubt), and did not run again after.
     *
     * @param day the day's file, or null when it has none
     */
    Set<String> interrupted(DayKey key, DayState day) {
        Set<String> ids = new LinkedHashSet<>();
        for (RunJournals.Open open : byDay.getOrDefault(key, List.of())) {
            if (!open.live() && (day == null || !day.isCompleted(open.id())
                    && !day.notes().started().containsKey(open.id()) && !ranSince(day, open))) {
                ids.add(open.id());
            }
        }
        return ids;
    }

    private static boolean ranSince(DayState day, RunJournals.Open open) {
        DayNotes.RunInfo run = day.notes().runs().get(open.id());
        return run != null && !run.lastStart().isBefore(open.startedAt());
    }

    /** Everything the journals say, comparable: equal sets mean every row reads the same. */
    Set<RunJournals.Open> opens() {
        Set<RunJournals.Open> all = new HashSet<>();
        byDay.values().forEach(all::addAll);
        return all;
    }

    /**
     * The rows {@link #withFileless} would add for one account folder: days of {@code date} a dead
     * run started activities of, that have no row among {@code rows}.
     *
     * @param folder the account folder's name, as the file store encodes the account
     */
    List<Status.Row> fileless(String folder, LocalDate date, List<Status.Row> rows) {
        List<Status.Row> added = new ArrayList<>();
        byDay.keySet().stream().filter(key -> key.date().equals(date) && FolderNames.encode(key.account()).equals(folder))
                .sorted(Comparator.comparing(DayKey::type)).forEach(key -> {
                    String type = FolderNames.encode(key.type());
                    boolean hasRow = rows.stream().anyMatch(row -> FolderNames.encode(row.type()).equals(type));
                    Set<String> ids = hasRow ? Set.of() : interrupted(key, null);
                    if (!ids.isEmpty()) {
                        added.add(new Status.Row(key.account(), key.type(), 0, ids.size(), List.of(), null, null)
                                .withInterrupted(ids.size()));
                    }
                });
        return added;
    }

    /** {@code key}'s day has a row: {@link #withFileless} adds none for it. */
    void shown(DayKey key) {
        shown.add(key);
    }

    /**
     * {@code perAccount} with a row for each day of {@code date} in {@code scope} that a dead run
     * started activities of and that has no file: the run died in its first activity of that day.
     */
    List<List<Status.Row>> withFileless(List<List<Status.Row>> perAccount, Scope scope, LocalDate date) {
        Map<String, List<Status.Row>> added = new HashMap<>();
        byDay.forEach((key, opens) -> {
            boolean inScope = key.date().equals(date) && !shown.contains(key)
                    && (scope.account() == null || scope.account().equals(key.account()))
                    && (scope.type() == null || FolderNames.encode(scope.type()).equals(FolderNames.encode(key.type())));
            Set<String> ids = inScope ? interrupted(key, null) : Set.of();
            if (!ids.isEmpty()) {
                added.computeIfAbsent(key.account(), a -> new ArrayList<>()).add(new Status.Row(key.account(),
                        key.type(), 0, ids.size(), List.of(), null, null).withInterrupted(ids.size()));
            }
        });
        if (added.isEmpty()) {
            return perAccount;
        }
        List<List<Status.Row>> all = new ArrayList<>();
        for (List<Status.Row> rows : perAccount) {
            if (rows.isEmpty()) {
                all.add(rows);
                continue;
            }
            List<Status.Row> more = added.remove(rows.get(0).account());
            if (more == null) {
                all.add(rows);
            } else {
                List<Status.Row> merged = new ArrayList<>(rows);
                merged.addAll(more);
                all.add(merged);
            }
        }
        all.addAll(added.values());
        return all;
    }
}
