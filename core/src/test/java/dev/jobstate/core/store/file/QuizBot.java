package dev.jobstate.core.store.file;

import dev.jobstate.Activity;
import dev.jobstate.core.engine.ActivitySite;

/** A tiny bot whose methods the engine tests call the way the agent's advice would. */
final class QuizBot {

    static final ActivitySite CHECK_IN = site("checkIn");
    static final ActivitySite QUIZ = site("quiz", String.class);

    @Activity(type = "daily-set", id = "check-in")
    void checkIn() {
    }

    @Activity(type = "daily-set", id = "quiz-{0}")
    String quiz(String number) {
        return "answered " + number;
    }

    private static ActivitySite site(String name, Class<?>... parameters) {
        try {
            return ActivitySite.of(QuizBot.class.getDeclaredMethod(name, parameters));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
