package dev.jobstate.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AppendOnlyMap} behaves as an immutable copy of a LinkedHashMap would, however its maps grow
 * from one another: each keeps what it held when it was made, also once later maps write the
 * arrays they share.
 */
class AppendOnlyMapTest {

    @Test
    void everyMapKeepsItsEntriesWhileOthersGrowFromItAndFromEachOther() {
        Random random = new Random(3);
        List<AppendOnlyMap<Integer>> maps = new ArrayList<>();
        List<Map<String, Integer>> expected = new ArrayList<>();
        maps.add(AppendOnlyMap.empty());
        expected.add(new LinkedHashMap<>());
        for (int step = 0; step < 6000; step++) {
            // Mostly the newest map, as a day's states go; now and then an older one, which must copy.
            int from = random.nextInt(4) > 0 ? maps.size() - 1 : random.nextInt(maps.size());
            AppendOnlyMap<Integer> map = maps.get(from);
            Map<String, Integer> model = new LinkedHashMap<>(expected.get(from));
            String key = "id-" + random.nextInt(random.nextBoolean() ? 50 : 5000);
            Integer value = random.nextInt(10) == 0 ? null : random.nextInt(3);
            if (random.nextInt(20) == 0) {
                map = map.without(key);
                model.remove(key);
            } else if (random.nextInt(30) == 0) {
                map = AppendOnlyMap.from(model);
            } else {
                map = map.with(key, value);
                model.put(key, value);
            }
            maps.add(map);
            expected.add(model);
            if (maps.size() > 100) { // keep the check quadratic in a bounded number of maps
                maps.remove(0);
                expected.remove(0);
            }
            if (step % 151 == 0) {
                for (int i = 0; i < maps.size(); i++) {
                    check(expected.get(i), maps.get(i));
                }
            }
        }
    }

    @Test
    void cannotBeChangedFromOutside() {
        AppendOnlyMap<Integer> map = AppendOnlyMap.<Integer>empty().with("a", 1).with("b", 2);
        assertThrows(UnsupportedOperationException.class, () -> map.put("c", 3));
        assertThrows(UnsupportedOperationException.class, () -> map.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> map.keySet().iterator().remove());
        assertThrows(UnsupportedOperationException.class, () -> map.entrySet().iterator().next().setValue(5));
        assertEquals(Map.of("a", 1, "b", 2), map);
    }

    private static void check(Map<String, Integer> expected, AppendOnlyMap<Integer> map) {
        assertEquals(expected, map);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(map.keySet()));
        assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(map.values()));
        assertEquals(expected.size(), map.size());
        List<String> seen = new ArrayList<>();
        map.forEach((k, v) -> seen.add(k + "=" + v));
        List<String> want = new ArrayList<>();
        expected.forEach((k, v) -> want.add(k + "=" + v));
        assertEquals(want, seen);
        for (String key : List.of("id-1", "id-7", "id-49", "id-4000", "nope")) {
            assertEquals(expected.containsKey(key), map.containsKey(key), key);
            assertEquals(expected.containsKey(key), map.keySet().contains(key), key);
            assertEquals(expected.get(key), map.get(key), key);
        }
        for (String key : expected.keySet()) {
            assertEquals(true, map.containsKey(key), key);
        }
    }
}
