package dev.jobstate.agent.cli;

/**
 * What {@code java -jar jobstate.jar} prints. The jar is an agent, not a program; this says how to
 * attach it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String version = Main.class.getPackage().getImplementationVersion();
        System.out.println("jobstate " + (version == null ? "(development build)" : version));
        System.out.println();
        System.out.println("This jar is a Java agent. Attach it to your bot:");
        System.out.println("  java -javaagent:jobstate.jar -jar bot.jar");
        System.out.println("  java -javaagent:jobstate.jar=config=conf/bot.json -jar bot.jar");
        System.out.println();
        System.out.println("Put @dev.jobstate.Activity on the methods that do the work (jobstate-api jar).");
        System.out.println("State is kept in <sessionPath>/job-state/<account>/<type>-<date>.json.");
    }
}
