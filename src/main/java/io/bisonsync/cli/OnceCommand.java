package io.bisonsync.cli;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.run.RunGuard;
import io.bisonsync.run.RunLock;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --once}: right after start-up, one manual run through {@code direct:sync-run}, a progress line every
 * {@link #PROGRESS_EVERY} while it lasts, then main completes with the run's {@link ExitCode}. While another run
 * (here or in another process) holds the run lock, it waits up to {@code bison.sync.once-lock-wait} and tries again.
 */
public final class OnceCommand extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OnceCommand.class);

    /** How often a long run prints a progress summary. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final long LOCK_POLL_MS = 500;
    /** Longest wait of the SIGTERM hook for the run and Camel to stop (above camel.main.shutdown-timeout's 30 s). */
    private static final long SIGTERM_GRACE_SECONDS = 45;

    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile ExitCode exitCode = ExitCode.NOT_SUCCESSFUL;

    public OnceCommand(PrintStream err) {
        this.err = err;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Main has returned (or failed to start): the SIGTERM hook stops waiting for the run. */
    public void finished() {
        finished.countDown();
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        RunGuard runs = context.getRegistry().lookupByNameAndType("runGuard", RunGuard.class);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bison-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> {
            SyncRun run = runs.current();
            if (run != null) {
                LOG.info(progressLine(run));
            }
        }, PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // one template for every attempt, stopped when the run is over
        ProducerTemplate template = context.createProducerTemplate();
        try {
            exitCode = runWaitingForTheLock(context, template, runs);
        } finally {
            ServiceHelper.stopService(template);
            progress.shutdownNow();
        }
        LOG.info("Peak heap used: {} MB of {} MB", peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        if (main instanceof Main m) {
            m.completed();
        }
    }

    /**
     * Sends one manual run; while another run holds the run lock, waits for it up to bison.sync.once-lock-wait and
     * tries again with the same template, then gives up with {@link ExitCode#RUN_LOCK_BUSY} and one line.
     */
    private ExitCode runWaitingForTheLock(CamelContext context, ProducerTemplate template, RunGuard runs) {
        Duration wait = BisonSettings.onceLockWait(context.getPropertiesComponent()::resolveProperty);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean waitLogged = false;
        while (true) {
            Exchange exchange = template.send("direct:sync-run", e -> e.getMessage().setHeader("bisonTrigger", "manual"));
            SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
            RunGuard.Refusal refusal = runs.refusal();
            if (run != null || refusal == null || !refusal.busy()) {
                return run != null && run.status().successful() ? ExitCode.SUCCESS : ExitCode.NOT_SUCCESSFUL;
            }
            if (System.nanoTime() >= deadline) {
                err.println("bison-sync: not run: a sync run is in progress (" + refusal.reason() + ") for longer than "
                        + wait.toSeconds() + " s (bison.sync.once-lock-wait)");
                return ExitCode.RUN_LOCK_BUSY;
            }
            if (!waitLogged) {
                LOG.info("Waiting up to {} s for the sync run in progress to finish ({})", wait.toSeconds(), refusal.reason());
                waitLogged = true;
            }
            if (!awaitLockFree(context.getRegistry().lookupByNameAndType("runLock", RunLock.class), deadline)) {
                return ExitCode.NOT_SUCCESSFUL;
            }
        }
    }

    /**
     * Polls the run lock until nobody holds it or the deadline passes (no event reaches this JVM when another process
     * lets go); false when interrupted.
     */
    static boolean awaitLockFree(RunLock lock, long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                if (lock.holder() == null) {
                    return true;
                }
            } catch (SQLException e) {
                LOG.warn("Run lock not readable while waiting: {}", e.getMessage());
            }
            try {
                Thread.sleep(Math.min(LOCK_POLL_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * SIGTERM during --once: the JVM would exit with 143 whatever the run recorded. The run is stopped and recorded
     * (GracefulShutdown), then the process exits with the run's code: 0 when it still succeeded, 1 when it was partial
     * or failed (an interrupted run is one of those). {@code exiting} is true once main exits with its own code.
     */
    public Thread exitWithTheRunsCodeOnSigterm(java.util.function.BooleanSupplier exiting) {
        Thread hook = new Thread(() -> {
            if (exiting.getAsBoolean()) {
                return; // main is exiting with its code: nothing to correct
            }
            try {
                if (!finished.await(SIGTERM_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    exitCode = ExitCode.NOT_SUCCESSFUL;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(exitCode.code());
        }, "bison-sync-once-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Sum of the peak usage of the heap pools since start: what a run needed, for -Xmx sizing. */
    static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    /** "Progress: 3 of 11 workspaces, 520 accounts, 12 s so far, about 20 s to go". */
    static String progressLine(SyncRun run) {
        int done = run.workspacesDone();
        int planned = run.workspacesPlanned();
        long elapsed = Math.round(run.durationSeconds());
        String eta = done == 0 || planned <= done ? "" : ", about " + Math.round(run.durationSeconds() / done * (planned - done)) + " s to go";
        int accounts = run.accountsFetched() + run.inFlight().stream().mapToInt(WorkspaceRun::accountsRead).sum();
        return "Progress: " + done + " of " + planned + " workspaces, " + accounts + " accounts, " + elapsed + " s so far" + eta;
    }
}
