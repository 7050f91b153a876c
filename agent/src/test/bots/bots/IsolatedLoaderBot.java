package bots;

import dev.jobstate.Activity;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * A host that loads part of itself through a class loader that does not delegate to the
 * application class loader (as some plugin systems do), so that part cannot see the agent's
 * classes. Its activities must run untouched rather than fail on a class they cannot reach.
 */
public class IsolatedLoaderBot {

    /** Loaded a second time, by the isolated loader; only that copy is called. */
    public static class Plugin {
        @Activity(type = "plugin")
        public String work() {
            Out.say("RAN plugin work");
            return "worked";
        }
    }

    public static void main(String[] args) throws Exception {
        URL botClasses = IsolatedLoaderBot.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = Activity.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {botClasses, api},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> plugin = Class.forName(Plugin.class.getName(), true, isolated);
            Method work = plugin.getMethod("work");
            Out.say("ACK plugin " + work.invoke(plugin.getConstructor().newInstance()));
        }
        Out.say("DONE");
    }
}
