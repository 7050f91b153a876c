package dev.jobstate.core.store.file;

import dev.jobstate.Account;
import dev.jobstate.Activity;
import dev.jobstate.core.engine.ActivitySite;

/** A bot whose activity names its account, for tests where accounts' days differ. */
final class AccountBot {

    static final ActivitySite CHECK_IN = site();

    @Activity(type = "daily-set", id = "check-in")
    void checkIn(@Account String account) {
    }

    private static ActivitySite site() {
        try {
            return ActivitySite.of(AccountBot.class.getDeclaredMethod("checkIn", String.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
