package dev.jobstate.samples;

/**
 * A card of the daily set or a promotion, as the rewards site lists it. Activities are keyed by its
 * {@code offerId}: {@code @Activity(id = "quiz-{0.offerId}")}.
 */
public record Offer(String offerId, String title, int points) {
}
