package bots;

import dev.jobstate.Activity;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A Flight Recorder recording started while the bot runs, as {@code jcmd <pid> JFR.start} would:
 * {@code first} runs before it, then {@code RECORDING} is printed and the recording (settings
 * {@code args[0]}) starts; {@code first} is called again (skipped) and {@code second} runs; the
 * recording is written to {@code args[1]}, then {@code DONE}.
 */
public class LateRecordingBot {

    @Activity(type = "late")
    static void first() {
        Out.say("RAN first");
    }

    @Activity(type = "late")
    static void second() {
        Out.say("RAN second");
    }

    public static void main(String[] args) throws Exception {
        first();
        Out.say("RECORDING");
        try (Recording recording = new Recording(Configuration.create(Path.of(args[0])))) {
            recording.start();
            first();
            second();
            recording.stop();
            recording.dump(Path.of(args[1]));
        }
        Out.say("DONE");
    }
}
