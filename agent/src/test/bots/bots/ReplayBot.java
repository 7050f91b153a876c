package bots;

import dev.jobstate.Activity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Activities returning values of many types. Prints {@code RAN default <id>} per body run and
 * {@code ACK default <id> <class> <text>} per returned call, where text shows every field, so a
 * test can compare what a replay returned with what the body returned, and {@code DONE}.
 */
public class ReplayBot {

    enum Color { RED, GREEN, BLUE }

    record Point(int x, int y) {
    }

    static class Offer {
        String offerId;
        int points;

        Offer() {
        }

        Offer(String offerId, int points) {
            this.offerId = offerId;
            this.points = points;
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "{" + offerId + "," + points + "}";
        }
    }

    static class PremiumOffer extends Offer {
        String badge;

        PremiumOffer() {
        }

        PremiumOffer(String offerId, int points, String badge) {
            super(offerId, points);
            this.badge = badge;
        }

        @Override
        public String toString() {
            return super.toString() + "+" + badge;
        }
    }

    /** A bean with private state, no getters and no equals. */
    static class Tally {
        private int wins;
        private List<String> names = new ArrayList<>();

        Tally() {
        }

        Tally(int wins, List<String> names) {
            this.wins = wins;
            this.names = names;
        }

        @Override
        public String toString() {
            return "Tally{" + wins + "," + names + "}";
        }
    }

    interface Animal {
    }

    record Dog(String name) implements Animal {
    }

    record Cat(String name, int lives) implements Animal {
    }

    /** Its getter has a side effect that recording must not trigger. */
    static class Counted {
        private int count = 5;
        private int reads;

        public int getCount() {
            reads++;
            return count;
        }
    }

    @Activity(type = "replay")
    ZonedDateTime zoned() {
        Out.say("RAN default zoned");
        return ZonedDateTime.of(2025, 9, 20, 10, 30, 0, 123_000_000, ZoneId.of("Europe/Paris"));
    }

    @Activity(type = "replay")
    OffsetDateTime offset() {
        Out.say("RAN default offset");
        return OffsetDateTime.of(2025, 9, 20, 10, 30, 0, 0, ZoneOffset.ofHours(-3));
    }

    @Activity(type = "replay")
    BigDecimal money() {
        Out.say("RAN default money");
        return new BigDecimal("12345678901234567890.120");
    }

    @Activity(type = "replay")
    BigInteger big() {
        Out.say("RAN default big");
        return new BigInteger("123456789012345678901234567890");
    }

    @Activity(type = "replay")
    Offer offer() {
        Out.say("RAN default offer");
        return new PremiumOffer("o1", 10, "gold");
    }

    @Activity(type = "replay", id = "echo-{0}")
    <T> T echo(String name, T value) {
        Out.say("RAN default echo-" + name);
        return value;
    }

    @Activity(type = "replay")
    EnumSet<Color> colors() {
        Out.say("RAN default colors");
        return EnumSet.of(Color.RED, Color.BLUE);
    }

    @Activity(type = "replay")
    Optional<Point> maybe() {
        Out.say("RAN default maybe");
        return Optional.of(new Point(1, 2));
    }

    @Activity(type = "replay")
    int[] scores() {
        Out.say("RAN default scores");
        return new int[] {3, 1, 4};
    }

    @Activity(type = "replay")
    List<Offer> offers() {
        Out.say("RAN default offers");
        return new ArrayList<>(List.of(new Offer("o2", 5), new PremiumOffer("o3", 7, "silver")));
    }

    @Activity(type = "replay")
    Map<String, List<Point>> routes() {
        Out.say("RAN default routes");
        Map<String, List<Point>> routes = new LinkedHashMap<>();
        routes.put("home", List.of(new Point(0, 0), new Point(1, 1)));
        return routes;
    }

    @Activity(type = "replay")
    Tally tally() {
        Out.say("RAN default tally");
        return new Tally(3, new ArrayList<>(List.of("a", "b")));
    }

    @Activity(type = "replay")
    Color color() {
        Out.say("RAN default color");
        return Color.GREEN;
    }

    /** 02:30 on the night clocks go back happens twice in Paris: only the offset tells which. */
    @Activity(type = "replay")
    ZonedDateTime twice() {
        Out.say("RAN default twice");
        return ZonedDateTime.ofLocal(java.time.LocalDateTime.of(2025, 10, 26, 2, 30), ZoneId.of("Europe/Paris"),
                ZoneOffset.ofHours(1));
    }

    @Activity(type = "replay")
    List<Animal> animals() {
        Out.say("RAN default animals");
        return new ArrayList<>(List.of(new Dog("Rex"), new Cat("Tom", 9)));
    }

    @Activity(type = "replay")
    Counted counted() {
        Out.say("RAN default counted");
        return new Counted();
    }

    /** Declared Object, so only its value tells: recording must refuse it untouched, every run. */
    @Activity(type = "replay")
    Object anyStream() {
        Out.say("RAN default any-stream");
        return Stream.of("a", "b", "c");
    }

    /** Cannot be replayed: its caller must still get every element, every run. */
    @Activity(type = "replay")
    Stream<String> names() {
        Out.say("RAN default names");
        return Stream.of("ann", "bob", "cy");
    }

    @Activity(type = "replay")
    Iterator<String> cursor() {
        Out.say("RAN default cursor");
        return List.of("x", "y").iterator();
    }

    public static void main(String[] args) {
        ReplayBot bot = new ReplayBot();
        ack("zoned", bot.zoned());
        ack("offset", bot.offset());
        ack("money", bot.money());
        ack("big", bot.big());
        ack("offer", bot.offer());
        Point echoed = bot.echo("point", new Point(5, 6)); // a ClassCastException here if T comes back as a map
        ack("echo-point", echoed);
        ack("echo-offer", bot.echo("offer", new PremiumOffer("o9", 1, "bronze")));
        ack("colors", bot.colors());
        ack("maybe", bot.maybe());
        ack("scores", bot.scores());
        ack("offers", bot.offers());
        ack("routes", bot.routes());
        ack("tally", bot.tally());
        ack("color", bot.color());
        ack("twice", bot.twice());
        ack("animals", bot.animals());
        ack("echo-dog", bot.echo("dog", Optional.of(new Dog("Rex"))));
        Counted counted = bot.counted();
        ack("counted", counted.count + " read " + counted.reads + " times");
        Object anyStream = bot.anyStream();
        ack("any-stream", anyStream instanceof Stream<?> stream ? stream.map(String::valueOf).toList() : anyStream);
        ack("names", bot.names().collect(Collectors.toList()));
        List<String> cursor = new ArrayList<>();
        bot.cursor().forEachRemaining(cursor::add);
        ack("cursor", cursor);
        Out.say("DONE");
    }

    private static void ack(String id, Object value) {
        String text = value instanceof int[] ints ? Arrays.toString(ints) : String.valueOf(value);
        String type = value instanceof Optional<?> optional && optional.isPresent()
                ? "Optional<" + optional.get().getClass().getName() + ">" : value.getClass().getName();
        if (value instanceof List<?> list) {
            type += list.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.joining(",", "<", ">"));
        }
        if (value instanceof BigDecimal decimal) {
            text += " scale " + decimal.scale();
        }
        if (value instanceof ZonedDateTime zoned) {
            text += " zone " + zoned.getZone();
        }
        Out.say("ACK default " + id + " " + type + " " + text);
    }
}
