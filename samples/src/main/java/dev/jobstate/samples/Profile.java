package dev.jobstate.samples;

/** One rewards account. The bot tells accounts apart by e-mail, hence {@code @Account("email")}. */
public record Profile(String email) {
}
