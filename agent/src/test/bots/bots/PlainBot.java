package bots;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A bot with no jobstate annotations at all. Under the agent it must behave exactly as without:
 * the same output, the same exception (with the same stack trace lines), the same exit code.
 */
public class PlainBot {

    record Task(String name, int weight) {
    }

    static final class TaskFailed extends RuntimeException {
        TaskFailed(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Task> tasks = List.of(new Task("check-in", 1), new Task("quiz", 3), new Task("poll", 2));
        int total = CompletableFuture.supplyAsync(() -> tasks.stream().mapToInt(Task::weight).sum()).get();
        System.out.println("tasks " + tasks.stream().map(Task::name).collect(Collectors.joining(",")));
        System.out.println("total " + total);
        try {
            failOn(tasks.get(1));
        } catch (TaskFailed e) {
            System.out.println("caught " + e.getMessage() + " at " + e.getStackTrace()[0]);
        }
        if (List.of(args).contains("--throw")) {
            failOn(tasks.get(2));
        }
        System.out.println("DONE");
    }

    static void failOn(Task task) {
        throw new TaskFailed("task " + task.name() + " failed");
    }
}
