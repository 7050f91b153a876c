package bots;

import java.lang.management.ManagementFactory;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads jobstate's MBean from this JVM's platform MBean server, as jconsole would: prints
 * {@code MBEAN <attribute> <value>} for each attribute, or {@code MBEAN absent} if it is not
 * registered within the wait (jobstate registers it on a thread of its own). No annotations here:
 * a host that only uses this class has none.
 */
final class MBeanProbe {

    private static final long WAIT_MILLIS = 20_000;

    private MBeanProbe() {
    }

    static void print() throws Exception {
        print(WAIT_MILLIS);
    }

    static void print(long waitMillis) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.jobstate:type=Agent");
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (!server.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!server.isRegistered(name)) {
            Out.say("MBEAN absent " + server.queryNames(new ObjectName("dev.jobstate:*"), null).size());
            return;
        }
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
            Out.say("MBEAN " + attribute.getName() + " " + server.getAttribute(name, attribute.getName()));
        }
    }
}
