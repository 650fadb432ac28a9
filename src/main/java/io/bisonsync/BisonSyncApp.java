package io.bisonsync;

import io.bisonsync.config.ConfigException;
import io.bisonsync.db.DatabaseUnavailableException;
import io.bisonsync.sync.SyncProperties;
import io.bisonsync.sync.SyncRun;
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
 * <p>{@code --once} runs one sync and exits: 0 when it succeeded, 1 when it was partial or failed (also when SIGTERM
 * interrupted it: the run is recorded first). Bad configuration exits with 2, an unreachable database with 3. Without it the application keeps running on the
 * schedule.
 */
public final class BisonSyncApp {

    private static final Logger LOG = LoggerFactory.getLogger(BisonSyncApp.class);

    private BisonSyncApp() {
    }

    /** Set right before main's own System.exit: the shutdown hook of --once then leaves the exit code alone. */
    private static volatile boolean exiting;

    public static void main(String[] args) throws Exception {
        int code = run(args);
        exiting = true;
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        boolean once = arguments.contains("--once");
        String location = configLocation(arguments);
        if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(location.substring("file:".length())))) {
            System.err.println("bison-sync: Configuration file '" + location.substring("file:".length()) + "' (--config, BISON_CONFIG"
                    + " or config/application.properties) does not exist or cannot be read");
            return 2;
        }
        Main main = new Main();
        main.configure().addConfiguration(BisonSyncConfiguration.class);
        main.setPropertyPlaceholderLocations(location);
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
        Thread sigtermExit = once ? exitWithTheRunsCodeOnSigterm(runner) : null;
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
        } finally {
            runner.finished.countDown();
            if (sigtermExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(sigtermExit);
                } catch (IllegalStateException shuttingDown) {
                    // SIGTERM came: the hook exits with the run's code
                }
            }
        }
        if (main.getCamelContext() == null && !once) {
            return 2;
        }
        return once ? runner.exitCode : main.getExitCode();
    }

    /**
     * SIGTERM during --once: the JVM would exit with 143 whatever the run recorded. The run is stopped and recorded
     * (see BisonSyncConfiguration), then the process exits with the run's documented code: 0 when it still
     * succeeded, 1 when it was partial or failed (an interrupted run is one of those).
     */
    private static Thread exitWithTheRunsCodeOnSigterm(OnceRunner runner) {
        Thread hook = new Thread(() -> {
            if (exiting) {
                return; // main is exiting with its code: nothing to correct
            }
            try {
                if (!runner.finished.await(SIGTERM_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                    runner.exitCode = 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(runner.exitCode);
        }, "bison-sync-once-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Longest wait of --once's SIGTERM hook for the run and Camel to stop (above camel.main.shutdown-timeout's 30 s). */
    private static final long SIGTERM_GRACE_SECONDS = 45;

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

    /** With --once: runs one sync right after start-up, then lets main complete. */
    private static final class OnceRunner extends MainListenerSupport {

        private volatile int exitCode = 1;
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void afterStart(BaseMainSupport main) {
            Exchange exchange = new DefaultExchange(main.getCamelContext());
            exchange.getMessage().setHeader("bisonTrigger", "manual");
            main.getCamelContext().createProducerTemplate().send("direct:sync-run", exchange);
            SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
            exitCode = run != null && "success".equals(run.status()) ? 0 : 1;
            LOG.info("Peak heap used: {} MB of {} MB", peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            if (main instanceof Main m) {
                m.completed();
            }
        }
    }
}
