package bots;

import dev.jobstate.Activity;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Results that plain JSON would bend: a subclass of the declared class, a generic {@code T}, a
 * list of an interface's records, a time in a region, a BigDecimal with its scale; a Stream returned
 * as Object, which recording must not consume; a bean whose getter counts its calls. Prints
 * {@code RAN default <id>} when a body runs and {@code ACK default <id> <class and value>} for what
 * each call returned, so that a second run, which replays them, can be compared with the first.
 */
public class FidelityBot {

    public static class Offer {
        private String offerId;
        private int points;

        Offer() {
        }

        Offer(String offerId, int points) {
            this.offerId = offerId;
            this.points = points;
        }

        @Override
        public String toString() {
            return offerId + "/" + points;
        }
    }

    public static class PremiumOffer extends Offer {
        private BigDecimal bonus;

        PremiumOffer() {
        }

        PremiumOffer(String offerId, int points, BigDecimal bonus) {
            super(offerId, points);
            this.bonus = bonus;
        }

        @Override
        public String toString() {
            return super.toString() + "+" + bonus;
        }
    }

    public interface Animal {
    }

    public record Dog(String name) implements Animal {
    }

    public record Cat(String name, int lives) implements Animal {
    }

    /** Its getter has a side effect that recording must not trigger. */
    public static class Tally {
        private int count = 5;
        private int reads;

        public int getCount() {
            reads++;
            return count;
        }

        int reads() {
            return reads;
        }
    }

    @Activity(type = "fidelity")
    Offer offer() {
        ran("offer");
        return new PremiumOffer("o1", 10, new BigDecimal("2.50"));
    }

    @Activity(type = "fidelity")
    <T> T generic(T value) {
        ran("generic");
        return value;
    }

    @Activity(type = "fidelity")
    List<Animal> animals() {
        ran("animals");
        return List.of(new Dog("Rex"), new Cat("Tom", 9));
    }

    @Activity(type = "fidelity")
    ZonedDateTime zoned() {
        ran("zoned");
        return ZonedDateTime.of(2025, 10, 26, 2, 30, 0, 0, ZoneId.of("Europe/Paris"));
    }

    @Activity(type = "fidelity")
    BigDecimal amount() {
        ran("amount");
        return new BigDecimal("1.50");
    }

    @Activity(type = "fidelity")
    Object stream() {
        ran("stream");
        return Stream.of("a", "b", "c");
    }

    @Activity(type = "fidelity")
    Tally tally() {
        ran("tally");
        return new Tally();
    }

    private static void ran(String id) {
        Out.say("RAN default " + id);
    }

    private static void ack(String id, Object value) {
        Out.say("ACK default " + id + " " + (value == null ? "null" : value.getClass().getName() + " " + value));
    }

    public static void main(String[] args) {
        FidelityBot bot = new FidelityBot();
        ack("offer", bot.offer());
        ack("generic", bot.generic(Optional.of(new Dog("Rex"))));
        List<Animal> animals = bot.animals();
        ack("animals", animals + " " + animals.stream().map(a -> a.getClass().getSimpleName()).toList());
        ack("zoned", bot.zoned());
        ack("amount", bot.amount());
        Object stream = bot.stream();
        ack("stream", stream instanceof Stream<?> s ? s.map(String::valueOf).collect(Collectors.joining(",")) : stream);
        Tally tally = bot.tally();
        ack("tally", tally.count + " read " + tally.reads() + " times");
        Out.say("DONE");
    }
}
