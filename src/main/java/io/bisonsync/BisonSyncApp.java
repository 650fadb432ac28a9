package io.bisonsync;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.ConfigException;
import io.bisonsync.db.DatabaseUnavailableException;
import io.bisonsync.sync.SyncProperties;
import io.bisonsync.sync.RunLock;
import io.bisonsync.sync.SyncRun;
import io.bisonsync.sync.SyncRuns;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts bison-sync: camel-main with {@code config/application.properties} and {@code routes/*.camel.yaml} from the
 * working directory (override with {@code --config FILE} or {@code BISON_CONFIG}, and
 * {@code CAMEL_MAIN_ROUTES_INCLUDE_PATTERN}).
 *
 * <p>{@code --once} runs one sync and exits: 0 when it succeeded, 1 when it was partial or failed. Bad
 * configuration exits with 2, an unreachable database with 3, and 4 when another run (of a replica, say) held the
 * run lock for longer than {@code bison.sync.once-lock-wait}. Without it the application keeps running on the
 * schedule.
 */
public final class BisonSyncApp {

    private static final Logger LOG = LoggerFactory.getLogger(BisonSyncApp.class);
    /** --once gave up: another run held the run lock for longer than bison.sync.once-lock-wait. */
    static final int EXIT_LOCK_BUSY = 4;
    private static final long LOCK_POLL_MS = 500;

    private BisonSyncApp() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        boolean once = arguments.contains("--once");
        Main main = new Main();
        main.configure().addConfiguration(BisonSyncConfiguration.class);
        main.setPropertyPlaceholderLocations(configLocation(arguments));
        OnceRunner runner = new OnceRunner();
        if (once) {
            main.addOverrideProperty("bison.sync.run-on-startup", "false");
            main.addOverrideProperty("bison.sync.schedule-enabled", "false");
            // a one-shot run serves no ops API (any free port, so it never clashes with a running instance) and
            // posts no alerts: a process that exits could only ever fire them, never clear them
            main.addOverrideProperty("bison.ops.port", "0");
            main.addOverrideProperty("bison.alerts.webhook-url", "");
            main.addMainListener(runner);
        }
        try {
            main.run();
        } catch (Exception e) {
            RuntimeException startup = startupFailure(e);
            if (startup != null) {
                // one clear line instead of a stack trace: the message names the key or the database
                System.err.println("bison-sync: " + startup.getMessage());
                return startup instanceof ConfigException ? 2 : 3;
            }
            throw e;
        }
        if (main.getCamelContext() == null && !once) {
            return 2;
        }
        return once ? runner.exitCode : main.getExitCode();
    }

    private static String configLocation(List<String> arguments) {
        int i = arguments.indexOf("--config");
        if (i >= 0 && i + 1 < arguments.size()) {
            return "file:" + arguments.get(i + 1);
        }
        String env = System.getenv("BISON_CONFIG");
        return env != null && !env.isBlank() ? "file:" + env : "file:config/application.properties";
    }

    private static RuntimeException startupFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException || t instanceof DatabaseUnavailableException) {
                return (RuntimeException) t;
            }
        }
        return null;
    }

    /** Sum of the peak usage of the heap pools since start: what a run needed, for -Xmx sizing. */
    static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
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
            } catch (java.sql.SQLException e) {
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

    /** With --once: runs one sync right after start-up (waiting for a run in progress), then lets main complete. */
    private static final class OnceRunner extends MainListenerSupport {

        private volatile int exitCode = 1;

        @Override
        public void afterStart(BaseMainSupport main) {
            var context = main.getCamelContext();
            SyncRuns runs = context.getRegistry().lookupByNameAndType("syncRuns", SyncRuns.class);
            Duration wait = BisonSettings.onceLockWait(context.getPropertiesComponent()::resolveProperty);
            long deadline = System.nanoTime() + wait.toNanos();
            boolean waitLogged = false;
            SyncRun run;
            while (true) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getMessage().setHeader("bisonTrigger", "manual");
                context.createProducerTemplate().send("direct:sync-run", exchange);
                run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
                SyncRuns.Refusal refusal = runs.refusal();
                if (run != null || refusal == null || !refusal.busy()) {
                    exitCode = run != null && "success".equals(run.status()) ? 0 : 1;
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    exitCode = EXIT_LOCK_BUSY;
                    System.err.println("bison-sync: not run: a sync run is in progress (" + refusal.reason() + ") for longer than "
                            + wait.toSeconds() + " s (bison.sync.once-lock-wait)");
                    break;
                }
                if (!waitLogged) {
                    LOG.info("Waiting up to {} s for the sync run in progress to finish ({})", wait.toSeconds(), refusal.reason());
                    waitLogged = true;
                }
                if (!awaitLockFree(context.getRegistry().lookupByNameAndType("runLock", RunLock.class), deadline)) {
                    exitCode = 1;
                    break;
                }
            }
            LOG.info("Peak heap used: {} MB of {} MB", peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            if (main instanceof Main m) {
                m.completed();
            }
        }
    }
}
