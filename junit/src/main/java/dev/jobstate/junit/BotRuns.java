package dev.jobstate.junit;

import dev.jobstate.core.boot.JobStateRuntime;
import dev.jobstate.core.config.AccountDays;
import dev.jobstate.core.config.JobStateConfig;
import dev.jobstate.core.engine.ActivityEngine;
import dev.jobstate.core.model.DayKey;
import dev.jobstate.core.store.PersistenceHealth;
import dev.jobstate.core.store.file.FileStateStore;
import java.nio.file.Path;
import java.util.List;

/**
 * One test's runs of the bot. Each {@link #run} stands for one process: a fresh jobstate on the
 * test's state folder, as the next start of the bot would find it. {@link #crashAt} and
 * {@link #crashAfter} make the next run die at its Nth activity exactly as a {@code kill -9} would
 * leave things: nothing saved after that moment, the run's journal left behind.
 */
public final class BotRuns {

    /** The code under test: the bot's main, or one account's day. */
    @FunctionalInterface
    public interface Bot {
        /** @throws Exception whatever the bot throws */
        void run() throws Exception;
    }

    private final JobStateConfig config;
    private final TestClock clock;
    private RunRecorder.KillPoint nextKill;

    BotRuns(JobStateConfig config, TestClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** @return the clock jobstate reads: move it to cross midnight or an account's day start */
    public TestClock clock() {
        return clock;
    }

    /** @return the test's state folder, fresh for each test and removed after it */
    public Path stateDir() {
        return config.stateDir();
    }

    /**
     * The next run is killed as its {@code nth} activity that runs (not one skipped) is about to run
     * its body: after its start is saved (a once activity is then in doubt), before the body.
     *
     * @param nth 1 for the first activity that runs
     * @return these runs
     */
    public BotRuns crashAt(int nth) {
        nextKill = new RunRecorder.KillPoint(positive(nth), false);
        return this;
    }

    /**
     * The next run is killed right after the body of its {@code nth} activity that runs returned or
     * threw, before its outcome is saved: the work happened and jobstate does not know it.
     *
     * @param nth 1 for the first activity that runs
     * @return these runs
     */
    public BotRuns crashAfter(int nth) {
        nextKill = new RunRecorder.KillPoint(positive(nth), true);
        return this;
    }

    /**
     * Runs {@code bot} on this thread as one start of the bot, and says what its activities did. A
     * kill ends the run at the {@link SimulatedKill} it throws; whatever else the bot throws is in the
     * report, not thrown here. Threads the bot started and left running go on untracked after it.
     *
     * @param bot the code under test
     * @return what the run's activity calls did
     */
    public RunReport run(Bot bot) {
        KillableStore store = new KillableStore(new FileStateStore(stateDir(), clock, new PersistenceHealth()));
        RunRecorder recorder = new RunRecorder(nextKill, store);
        nextKill = null;
        JobStateRuntime.use(new ActivityEngine(config, store, clock).watchedBy(recorder));
        Throwable thrown = null;
        try {
            bot.run();
        } catch (SimulatedKill kill) {
            // the run ends here, as a killed process does
        } catch (Exception | Error e) {
            thrown = e;
        } finally {
            JobStateRuntime.use(null);
            store.runOver();
        }
        return new RunReport(recorder.calls(), store.isKilled(), thrown);
    }

    /**
     * @param account the account
     * @param type the activity type
     * @return the ids of {@code type} completed and saved for {@code account}'s day at the clock's time
     */
    public List<String> completed(String account, String type) {
        FileStateStore files = new FileStateStore(stateDir(), clock, new PersistenceHealth());
        long now = clock.millis();
        return files.read(new DayKey(account, type, new AccountDays(config).dateOf(account, now)), now).completed();
    }

    private static int positive(int nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("the activity to crash at is counted from 1, not " + nth);
        }
        return nth;
    }
}
