package dev.jobstate.core.telemetry;

import dev.jobstate.core.log.Log;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers the MXBean; a failure is said once and never reaches the host. */
final class MBeanExposure {

    static final String NAME = "dev.jobstate:type=Agent";

    private MBeanExposure() {
    }

    static boolean registerOnPlatformServer(AgentMXBean mbean) {
        try {
            return register(ManagementFactory.getPlatformMBeanServer(), mbean);
        } catch (RuntimeException | LinkageError e) {
            return cannot(e);
        }
    }

    /** @return whether it is registered now */
    static boolean register(MBeanServer server, AgentMXBean mbean) {
        try {
            server.registerMBean(mbean, new ObjectName(NAME));
            Log.debug("registered the MBean " + NAME);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            Log.warnOnce(MBeanExposure.class, "the MBean " + NAME + " is already registered (another copy of the"
                    + " jobstate agent in this JVM?); this copy's counters are not exposed. Activities are not affected.");
            return false;
        } catch (Exception | LinkageError e) {
            return cannot(e);
        }
    }

    private static boolean cannot(Throwable e) {
        Log.warnOnce(MBeanExposure.class, "cannot register the MBean " + NAME + " (" + Log.describe(e)
                + "); its counters are not exposed. Activities are not affected.");
        return false;
    }
}
