package bots;

/** One line per event on stdout, flushed at once, so a test sees it even if the JVM is killed next. */
final class Out {

    private Out() {
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
