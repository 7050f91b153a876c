package dev.jobstate.cli.farm;

import dev.jobstate.core.store.FolderNames;
import dev.jobstate.core.store.file.DayFileRef;
import dev.jobstate.core.store.file.Timestamps;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The day files of one account folder, as {@link DayFileRef#parse} tells them, found for the price
 * of the listing: names are listed as strings and only those in the scope become paths, the account
 * is decoded once per folder and each type once, and a plain date is read without a formatter. A
 * scan of 10,000 folders spent more on these than on reading the files it kept. Any name the quick
 * way is unsure of goes to {@link DayFileRef#parse}.
 */
final class DayFileNames {

    private static final int DATE_AND_SUFFIX = "-yyyy-MM-dd.json".length();

    /** A short range is looked for by name; a long one takes about every name anyway. */
    private static final int NAMED_DAYS = 7;

    private DayFileNames() {
    }

    /** The day files in {@code folder} within {@code scope}, in listing order; none if it is gone. */
    static List<DayFileRef> list(Path folder, Scope scope) throws IOException {
        String[] names = folder.toFile().list();
        if (names == null) {
            return listSlowly(folder, scope); // says why it could not list, as it always has
        }
        return of(folder, names, scope);
    }

    /** The day files among {@code names}, as a listing of {@code folder} gave them, within {@code scope}. */
    static List<DayFileRef> of(Path folder, String[] names, Scope scope) {
        return of(folder, names, scope, (name, ref) -> ref);
    }

    /** As {@link #of(Path, String[], Scope)}, each day file made into what {@code each} makes of it and its name. */
    static <T> List<T> of(Path folder, String[] names, Scope scope, BiFunction<String, DayFileRef, T> each) {
        List<String> suffixes = suffixes(scope);
        String account = null;
        Map<String, String> types = new HashMap<>(8);
        List<T> found = new ArrayList<>(suffixes == null ? names.length : suffixes.size() * 4);
        for (String name : names) {
            if (suffixes != null ? !endsWithAny(name, suffixes) : !name.endsWith(".json")) {
                continue;
            }
            DayFileRef ref = null;
            LocalDate date = date(name);
            if (date != null && !name.startsWith(".")) {
                if (account == null) {
                    account = readable(folder.getFileName().toString());
                }
                String type = types.computeIfAbsent(name.substring(0, name.length() - DATE_AND_SUFFIX),
                        DayFileNames::readable);
                ref = new DayFileRef(folder.resolve(name), account, type, date);
            } else if (date == null) {
                ref = DayFileRef.parse(folder.resolve(name)).orElse(null);
            }
            if (ref != null && scope.includes(ref)) {
                found.add(each.apply(name, ref));
            }
        }
        return found;
    }

    private static List<DayFileRef> listSlowly(Path folder, Scope scope) throws IOException {
        List<DayFileRef> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                DayFileRef.parse(entry).filter(scope::includes).ifPresent(found::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return found;
    }

    /** {@code -<date>.json} for each day of a short range; null for a long or open one. */
    private static List<String> suffixes(Scope scope) {
        if (scope.from() == null || scope.to() == null || scope.to().isBefore(scope.from())
                || scope.from().plusDays(NAMED_DAYS).isBefore(scope.to())) {
            return null;
        }
        return scope.from().datesUntil(scope.to().plusDays(1)).map(d -> "-" + d + ".json").toList();
    }

    private static boolean endsWithAny(String name, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The date of {@code <type>-yyyy-MM-dd.json} when it is plainly one; null when unsure. */
    private static LocalDate date(String name) {
        int dash = name.length() - DATE_AND_SUFFIX;
        if (dash < 1 || name.charAt(dash) != '-' || name.charAt(dash + 5) != '-' || name.charAt(dash + 8) != '-') {
            return null;
        }
        int year = Timestamps.number(name, dash + 1, 4);
        int month = Timestamps.number(name, dash + 6, 2);
        int day = Timestamps.number(name, dash + 9, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String readable(String encoded) {
        String decoded = FolderNames.decode(encoded);
        return decoded != null ? decoded : encoded;
    }
}
