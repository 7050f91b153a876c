package bots;

/**
 * A host with no jobstate annotations, attached to the agent: jobstate never starts in it, so it
 * must never see jobstate's MBean. Waits four seconds for it (the agent registers it two seconds
 * after the first activity call), prints {@code MBEAN absent 0} (or the attributes, if it wrongly
 * appeared), then {@code DONE}.
 */
public class NoAnnotationsBot {

    public static void main(String[] args) throws Exception {
        Out.say("working");
        MBeanProbe.print(4_000);
        Out.say("DONE");
    }
}
