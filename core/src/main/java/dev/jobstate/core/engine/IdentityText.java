package dev.jobstate.core.engine;

/**
 * Values whose text is their identity: {@code Object.toString()}'s {@code Offer@674bd420}, or an
 * array's {@code [I@1b6d3586}. Such a text is new every run, so an id or account made of it would
 * never be found again: the activity would run every time and a new folder appear each run.
 */
final class IdentityText {

    private static final ClassValue<Boolean> IDENTITY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (type.isArray()) {
                return true;
            }
            try {
                return type.getMethod("toString").getDeclaringClass() == Object.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    private IdentityText() {
    }

    static boolean is(Object value) {
        // The common values first: their classes are known to say what they hold.
        if (value instanceof CharSequence || value instanceof Number || value instanceof Enum<?>
                || value instanceof Boolean || value instanceof Character) {
            return false;
        }
        return IDENTITY.get(value.getClass());
    }

    /** What to tell a user whose {@code what} is such a value. */
    static String explain(String what, Object value, String fix) {
        String type = value.getClass().isArray() ? "an array (" + value.getClass().getSimpleName() + ")"
                : "a " + value.getClass().getName() + ", whose toString() is Object's";
        return what + " is " + type + ": its text (" + value + ") is new every run, so jobstate could never find"
                + " this call again; " + fix;
    }
}
