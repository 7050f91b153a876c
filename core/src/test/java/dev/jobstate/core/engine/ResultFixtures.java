package dev.jobstate.core.engine;

import java.io.File;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/** Results of the shapes bots return, and the return types activities declare for them. */
final class ResultFixtures {

    private ResultFixtures() {
    }

    record Quiz(String id, int points) {
    }

    /** A bean: private fields, no getters or setters, no equals. */
    static class Offer {
        private String offerId;
        private int points;

        Offer() {
        }

        Offer(String offerId, int points) {
            this.offerId = offerId;
            this.points = points;
        }
    }

    static class PremiumOffer extends Offer {
        private BigDecimal bonus;

        PremiumOffer() {
        }

        PremiumOffer(String offerId, int points, BigDecimal bonus) {
            super(offerId, points);
            this.bonus = bonus;
        }
    }

    /** A bean holding collections, a map and a java.time value. */
    static class Totals {
        private int points;
        private List<String> ids = new ArrayList<>();
        private Map<String, BigDecimal> amounts;
        private ZonedDateTime at;

        static Totals example() {
            Totals totals = new Totals();
            totals.points = 30;
            totals.ids.add("quiz-1");
            totals.amounts = Map.of("quiz-1", new BigDecimal("1.50"));
            totals.at = ZonedDateTime.parse("2025-09-20T10:30:00+02:00[Europe/Paris]");
            return totals;
        }
    }

    interface Animal {
    }

    record Dog(String name) implements Animal {
    }

    record Cat(String name, int lives) implements Animal {
    }

    enum Status { DONE, PARTIAL }

    /** An enum whose constants have bodies: each is an instance of its own anonymous class. */
    enum Level {
        EASY {
            @Override
            int points() {
                return 1;
            }
        },
        HARD {
            @Override
            int points() {
                return 5;
            }
        };

        abstract int points();
    }

    /** The return types of activities, declared as bots declare them. */
    @SuppressWarnings("unused")
    interface Declared {
        Quiz quiz();

        Offer offer();

        Totals totals();

        List<Quiz> quizzes();

        Set<String> names();

        Map<String, Integer> points();

        SortedMap<String, Integer> sortedPoints();

        Map<String, List<Quiz>> quizzesByDay();

        List<Animal> animals();

        Map<String, Animal> animalsByName();

        Optional<Quiz> maybeQuiz();

        Optional<String> maybeName();

        int[] ints();

        double[] doubles();

        byte[] bytes();

        char[] letters();

        String[] strings();

        Quiz[] quizArray();

        Status status();

        Level level();

        EnumSet<Status> statuses();

        Set<Status> statusSet();

        ZonedDateTime zoned();

        OffsetDateTime offset();

        Instant instant();

        LocalDate date();

        LocalDateTime localDateTime();

        Duration duration();

        Path path();

        File file();

        BigDecimal amount();

        BigInteger big();

        int count();

        long total();

        double ratio();

        boolean done();

        char letter();

        Integer boxedCount();

        Long boxedTotal();

        Double boxedRatio();

        String text();

        Object anything();

        <T> T generic();

        List<Object> mixed();
    }

    /** The generic return type of {@code Declared.<method>()}. */
    static Type declared(String method) {
        try {
            return Declared.class.getMethod(method).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError("no Declared." + method + "()", e);
        }
    }
}
