package io.bisonsync;

import io.bisonsync.cli.CommandLine;
import io.bisonsync.cli.InstanceCheck;
import io.bisonsync.cli.Ports;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.ConfigException;
import io.bisonsync.config.InstanceSettings;
import io.bisonsync.db.DatabaseUnavailableException;
import io.bisonsync.sync.SyncProperties;
import io.bisonsync.sync.RunLock;
import io.bisonsync.sync.SyncRun;
import io.bisonsync.sync.RunGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.BindException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.DefaultExchange;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts bison-sync: camel-main with {@code config/application.properties} and {@code routes/*.camel.yaml} from the
 * working directory (override with {@code --config FILE} or {@code BISON_CONFIG}, and
 * {@code CAMEL_MAIN_ROUTES_INCLUDE_PATTERN}). The flags are {@link CommandLine}'s; camel-main's own options pass
 * through to it.
 *
 * <p>{@code --once} runs one sync and exits: 0 when it succeeded, 1 when it was partial or failed (also when SIGTERM
 * interrupted it: the run is recorded first). Bad configuration or usage exits with 2, an unreachable database with 3, a port that cannot be bound with 4, and 5 when another run
 * (of a replica, say) held the run lock for longer than {@code bison.sync.once-lock-wait}.
 * {@code --check} probes the configuration, the database and every instance's key without syncing. Without a flag
 * the application keeps running on the schedule.
 */
public final class BisonSyncApp {

    /** The launcher's logging; a library user's application keeps its own (this file is not at the classpath root). */
    static final String LOGGING = "io/bisonsync/log4j2.properties";

    static {
        // before the first logger: Log4j reads its configuration once
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOGGING);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BisonSyncApp.class);
    /** --once gave up: another run held the run lock for longer than bison.sync.once-lock-wait. */
    static final int EXIT_LOCK_BUSY = 5;
    private static final long LOCK_POLL_MS = 500;

    /** Not a bison.* key (those are validated): tells the configuration which kind of process it configures. */
    static final String MODE_PROPERTY = "bison-sync.mode";

    /** How often a long --once run prints a progress summary. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** Set right before main's own System.exit: the shutdown hook of --once then leaves the exit code alone. */
    private static volatile boolean exiting;

    /** Longest wait of --once's SIGTERM hook for the run and Camel to stop (above camel.main.shutdown-timeout's 30 s). */
    private static final long SIGTERM_GRACE_SECONDS = 45;

    private BisonSyncApp() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(args);
        } catch (Throwable e) {
            // anything else that stops start-up: one line (the stack trace at DEBUG), and an exit even though
            // non-daemon threads (simulator, database) may already run
            LOG.debug("Start-up failed", e);
            System.err.println("bison-sync: could not start: " + rootCause(e));
            exit = 1;
        }
        exiting = true;
        System.exit(exit);
    }

    /** "IllegalStateException: could not lock data/postgres/epg-lock" of the innermost cause. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    static int run(String[] args) throws Exception {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        BisonMain main = new BisonMain();
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, main.camelOptions());
        } catch (CommandLine.UsageException e) {
            err.println("bison-sync: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 2;
        }
        switch (cli.mode()) {
            case HELP -> {
                out.println(CommandLine.USAGE);
                return 0;
            }
            case VERSION -> {
                out.println("bison-sync " + version() + " (Apache Camel " + camelVersion() + ", Java " + Runtime.version() + ")");
                return 0;
            }
            default -> {
                // continued below
            }
        }
        if (cli.verbose()) {
            Configurator.setLevel("org.apache.camel", Level.INFO);
        }
        String location = configLocation(cli.configFile());
        if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(location.substring("file:".length())))) {
            err.println("bison-sync: Configuration file '" + location.substring("file:".length()) + "' (--config, BISON_CONFIG"
                    + " or config/application.properties) does not exist or cannot be read");
            return 2;
        }
        main.configure().addConfiguration(BisonSyncConfiguration.class);
        main.setPropertyPlaceholderLocations(location);
        OnceRunner once = new OnceRunner();
        CheckRunner check = new CheckRunner(out);
        boolean oneShot = cli.mode() == CommandLine.Mode.ONCE || cli.mode() == CommandLine.Mode.CHECK;
        if (oneShot) {
            main.addOverrideProperty(MODE_PROPERTY, cli.mode() == CommandLine.Mode.ONCE ? "once" : "check");
            main.addOverrideProperty("bison.sync.run-on-startup", "false");
            main.addOverrideProperty("bison.sync.schedule-enabled", "false");
            // a one-shot process binds no fixed port, so it never clashes with a running service: the ops API on a
            // free port, no management server, the demo simulator (when enabled) on a free port
            main.addOverrideProperty("bison.ops.port", "0");
            main.addOverrideProperty("camel.management.enabled", "false");
            main.addOverrideProperty("bison.simulator.port", Integer.toString(freePort()));
            main.addMainListener(cli.mode() == CommandLine.Mode.ONCE ? once : check);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                Ports.checkFree(m.getCamelContext().getPropertiesComponent()::resolveProperty);
            }
        });
        Thread sigtermExit = cli.mode() == CommandLine.Mode.ONCE ? exitWithTheRunsCodeOnSigterm(once) : null;
        try {
            main.run(cli.camelArgs().toArray(String[]::new));
        } catch (Exception e) {
            String line = startupFailure(e);
            if (line != null) {
                // one clear line instead of a stack trace: the message names the key, the database or the port
                err.println("bison-sync: " + line);
                return exitCode(e);
            }
            throw e;
        } finally {
            once.finished.countDown();
            if (sigtermExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(sigtermExit);
                } catch (IllegalStateException shuttingDown) {
                    // SIGTERM came: the hook exits with the run's code
                }
            }
        }
        if (main.getCamelContext() == null && !oneShot) {
            return 2;
        }
        return switch (cli.mode()) {
            case ONCE -> once.exitCode;
            case CHECK -> check.exitCode;
            default -> main.getExitCode();
        };
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
                if (!runner.finished.await(SIGTERM_GRACE_SECONDS, TimeUnit.SECONDS)) {
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

    /** The jar's version (from its manifest); "development build" when run from classes. */
    static String version() {
        String v = BisonSyncApp.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** camel-main's version from its Maven metadata, which the jar keeps. */
    static String camelVersion() {
        try (var in = BisonSyncApp.class.getClassLoader().getResourceAsStream("META-INF/maven/org.apache.camel/camel-main/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String configLocation(String configFile) {
        if (configFile != null) {
            return "file:" + configFile;
        }
        String env = System.getenv("BISON_CONFIG");
        return env != null && !env.isBlank() ? "file:" + env : "file:config/application.properties";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one line for a start-up failure the operator can fix, or null for anything else. */
    static String startupFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException || t instanceof DatabaseUnavailableException || t instanceof Ports.PortInUseException) {
                return t.getMessage();
            }
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return "a port is already in use, is another bison-sync running? (" + t.getMessage()
                        + "); set bison.ops.port, camel.management.port or bison.simulator.port";
            }
        }
        return null;
    }

    private static int exitCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) {
                return 2;
            }
            if (t instanceof DatabaseUnavailableException) {
                return 3;
            }
        }
        return 4;
    }

    /** Sum of the peak usage of the heap pools since start: what a run needed, for -Xmx sizing. */
    static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    /** "Progress: 3 of 8 workspaces, 520 accounts, 12 s so far, about 20 s to go". */
    static String progressLine(SyncRun run) {
        int done = run.workspacesDone();
        int planned = run.workspacesPlanned();
        long elapsed = Math.round(run.durationSeconds());
        String eta = done == 0 || planned <= done ? "" : ", about " + Math.round(run.durationSeconds() / done * (planned - done)) + " s to go";
        int accounts = run.accountsFetched() + run.inFlight().stream().mapToInt(io.bisonsync.sync.WorkspaceRun::accountsRead).sum();
        return "Progress: " + done + " of " + planned + " workspaces, " + accounts + " accounts, " + elapsed + " s so far" + eta;
    }

    /** camel-main, with its own command-line options visible so that they can be passed through. */
    static final class BisonMain extends Main {

        /** Each camel-main option name ({@code -d} and {@code -duration}) and whether it takes a value. */
        Map<String, Boolean> camelOptions() {
            initOptions();
            Map<String, Boolean> names = new LinkedHashMap<>();
            for (Option option : options) {
                boolean value = option instanceof ParameterOption;
                names.put(option.getAbbreviation(), value);
                names.put(option.getFullName(), value);
            }
            return names;
        }

        @Override
        public void showOptionsHeader() {
            System.out.println(CommandLine.USAGE);
            System.out.println("camel-main options:");
        }
    }

    /** With --once: runs one sync right after start-up, then lets main complete. */
    private static final class OnceRunner extends MainListenerSupport {

        private volatile int exitCode = 1;
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void afterStart(BaseMainSupport main) {
            RunGuard runs = main.getCamelContext().getRegistry().lookupByNameAndType("runGuard", RunGuard.class);
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
            try {
                exitCode = runWaitingForTheLock(main, runs);
            } finally {
                progress.shutdownNow();
            }
            LOG.info("Peak heap used: {} MB of {} MB", peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            if (main instanceof Main m) {
                m.completed();
            }
        }
    }

    /**
     * Sends one manual run; while another run (here or in another process) holds the run lock, waits for it up to
     * bison.sync.once-lock-wait and tries again, then gives up with {@link #EXIT_LOCK_BUSY} and one line.
     */
    private static int runWaitingForTheLock(BaseMainSupport main, RunGuard runs) {
        var context = main.getCamelContext();
        Duration wait = BisonSettings.onceLockWait(context.getPropertiesComponent()::resolveProperty);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean waitLogged = false;
        while (true) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader("bisonTrigger", "manual");
            context.createProducerTemplate().send("direct:sync-run", exchange);
            SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
            RunGuard.Refusal refusal = runs.refusal();
            if (run != null || refusal == null || !refusal.busy()) {
                return run != null && "success".equals(run.status()) ? 0 : 1;
            }
            if (System.nanoTime() >= deadline) {
                System.err.println("bison-sync: not run: a sync run is in progress (" + refusal.reason() + ") for longer than "
                        + wait.toSeconds() + " s (bison.sync.once-lock-wait)");
                return EXIT_LOCK_BUSY;
            }
            if (!waitLogged) {
                LOG.info("Waiting up to {} s for the sync run in progress to finish ({})", wait.toSeconds(), refusal.reason());
                waitLogged = true;
            }
            if (!awaitLockFree(context.getRegistry().lookupByNameAndType("runLock", RunLock.class), deadline)) {
                return 1;
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

    /** With --check: the configuration is valid and the database reached once Camel started; probes each instance. */
    private static final class CheckRunner extends MainListenerSupport {

        private final PrintStream out;
        private volatile int exitCode = 1;

        CheckRunner(PrintStream out) {
            this.out = out;
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            BisonSettings settings = main.getCamelContext().getRegistry().lookupByNameAndType("bisonSettings", BisonSettings.class);
            out.println("bison-sync: configuration valid, database reachable; probing " + settings.instances().size() + " instance(s)");
            InstanceCheck probe = new InstanceCheck(settings.http().connectTimeout(), settings.http().readTimeout());
            boolean ok = true;
            for (InstanceSettings instance : settings.instances()) {
                InstanceCheck.Result result = probe.check(instance);
                out.println(result.line());
                ok &= result.ok();
            }
            exitCode = ok ? 0 : 1;
            if (main instanceof Main m) {
                m.completed();
            }
        }
    }
}
