package dev.jobstate.cli.farm;

/** Told how far a long scan has got, in account folders; a terminal shows it, a pipe does not. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> { };

    /** Called from any thread, at most a few times per second is enough for anyone. */
    void update(long done, long total);
}
