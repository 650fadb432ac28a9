package io.bisonsync.run;

import io.bisonsync.api.Credential;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.errors.Errors;
import io.bisonsync.metrics.SyncMetrics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time, in this process and across every process on the database: a trigger that fires while a run is
 * in progress here or elsewhere gets no run and is skipped (see {@link RunLock}); {@link #refusal()} says why. Also
 * the run in flight, for the heartbeat, the monitoring page and graceful shutdown.
 */
public final class RunGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);

    /** Why the last {@link #open} returned null: busy (a run is in progress somewhere) or the lock was unreachable. */
    public record Refusal(boolean busy, String reason) {
    }

    private final BisonSettings settings;
    private final SyncMetrics metrics;
    private final RunLock lock;
    private final AtomicReference<SyncRun> current = new AtomicReference<>();
    private volatile RunLock.Lease lease;
    private volatile Refusal refusal;

    public RunGuard(BisonSettings settings, SyncMetrics metrics, RunLock lock) {
        this.settings = settings;
        this.metrics = metrics;
        this.lock = lock;
    }

    /**
     * Starts a run over every configured lane holding the run lock, or returns null when a run is in progress in this
     * process or another one (or the lock could not be reached).
     */
    public SyncRun open(String trigger) {
        SyncRun run = new SyncRun(Objects.requireNonNullElse(trigger, "manual"), Credential.lanesOf(settings.instances()),
                settings.sync().runTimeout());
        if (!current.compareAndSet(null, run)) {
            SyncRun other = current.get();
            refusal = new Refusal(true, other == null ? "a run of this process has just finished"
                    : (other.id() == 0 ? "a run starting" : "run " + other.id()) + ", trigger " + other.trigger() + ", on "
                    + lock.process().describe());
            return null;
        }
        try {
            RunLock.Lease taken = lock.tryAcquire();
            if (taken == null) {
                String holder = lock.holder();
                refusal = new Refusal(true, holder == null ? "a run of another process has just finished" : holder);
                clear(run);
                return null;
            }
            lease = taken;
        } catch (SQLException e) {
            refusal = new Refusal(false, "the run lock could not be taken, database unreachable: " + Errors.message(e));
            clear(run);
            return null;
        }
        metrics.runStarted();
        return run;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The log line's reason of a skipped trigger. */
    public String skipReason() {
        Refusal r = refusal;
        return r == null ? "" : (r.busy() ? "a sync run is in progress (" + r.reason() + ")" : r.reason());
    }

    /**
     * Heartbeat: a run whose lock connection broke no longer holds the lock, so another process may start; it stops
     * taking pages and closes with what it has.
     */
    public void checkLock() {
        SyncRun run = current.get();
        RunLock.Lease held = lease;
        if (run != null && held != null && !held.alive()) {
            LOG.warn("Sync run {} lost its run lock (its database connection broke); stopping it", run.id());
            run.stop("database unreachable: the run lock's connection broke, so the lock is lost");
        }
    }

    public SyncRun current() {
        return current.get();
    }

    /** The id of the run in flight, or null. */
    public Long currentRunId() {
        SyncRun run = current.get();
        return run == null || run.id() == 0 ? null : run.id();
    }

    /** Graceful shutdown: the run in flight takes no new page or lane and closes with what it has. */
    public void stopCurrent() {
        SyncRun run = current.get();
        if (run != null) {
            run.requestStop();
        }
    }

    /** Waits until no run is in flight (its log row closed), at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (current) {
            while (current.get() != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                current.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Ends the run: metrics, and the run lock and the guard are released so the next trigger may start. */
    public void release(SyncRun run) {
        metrics.runFinished(run);
        if (current.get() == run) {
            RunLock.Lease held = lease;
            lease = null;
            if (held != null) {
                held.close();
            }
        }
        clear(run);
    }

    private void clear(SyncRun run) {
        synchronized (current) {
            current.compareAndSet(run, null);
            current.notifyAll();
        }
    }
}
