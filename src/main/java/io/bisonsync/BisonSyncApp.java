package io.bisonsync;

import io.bisonsync.cli.CamelDefaults;
import io.bisonsync.cli.CheckCommand;
import io.bisonsync.cli.CommandLine;
import io.bisonsync.cli.ExitCode;
import io.bisonsync.cli.OnceCommand;
import io.bisonsync.cli.Ports;
import io.bisonsync.cli.StartupFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts bison-sync: camel-main with {@code config/application.properties} (or {@code --config FILE},
 * {@code BISON_CONFIG}), the {@link CamelDefaults} under it and the routes they name (by default
 * {@code routes/*.camel.yaml} of the working directory), and {@link BisonSyncConfiguration}. The flags are
 * {@link CommandLine}'s; camel-main's own options pass through to it. {@code --once} is {@link OnceCommand},
 * {@code --check} {@link CheckCommand}; without a flag the application keeps running on the schedule. Exit codes are
 * {@link ExitCode}s.
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

    /** Not a bison.* key (those are validated): tells the configuration which kind of process it configures. */
    static final String MODE_PROPERTY = "bison-sync.mode";

    /** Set right before main's own System.exit: the shutdown hook of --once then leaves the exit code alone. */
    private static volatile boolean exiting;

    private BisonSyncApp() {
    }

    public static void main(String[] args) {
        ExitCode exit;
        try {
            exit = run(args);
        } catch (Throwable e) {
            // anything else that stops start-up: one line (the stack trace at DEBUG), and an exit even though
            // non-daemon threads (simulator, database) may already run
            LOG.debug("Start-up failed", e);
            System.err.println("bison-sync: could not start: " + StartupFailure.rootCause(e));
            exit = ExitCode.NOT_SUCCESSFUL;
        }
        exiting = true;
        System.exit(exit.code());
    }

    static ExitCode run(String[] args) throws Exception {
        return run(args, System.out, System.err);
    }

    static ExitCode run(String[] args, PrintStream out, PrintStream err) throws Exception {
        BisonMain main = new BisonMain();
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, main.camelOptions());
        } catch (CommandLine.UsageException e) {
            err.println("bison-sync: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return ExitCode.BAD_CONFIGURATION;
        }
        switch (cli.mode()) {
            case HELP -> {
                out.println(CommandLine.USAGE);
                return ExitCode.SUCCESS;
            }
            case VERSION -> {
                out.println("bison-sync " + version() + " (Apache Camel " + camelVersion() + ", Java " + Runtime.version() + ")");
                return ExitCode.SUCCESS;
            }
            default -> {
                // continued below
            }
        }
        if (cli.verbose()) {
            Configurator.setLevel("org.apache.camel", Level.INFO);
        }
        Path config = configFile(cli.configFile());
        if (!Files.isReadable(config)) {
            err.println("bison-sync: Configuration file '" + config + "' (--config, BISON_CONFIG"
                    + " or config/application.properties) does not exist or cannot be read");
            return ExitCode.BAD_CONFIGURATION;
        }
        main.configure().addConfiguration(BisonSyncConfiguration.class);
        main.setPropertyPlaceholderLocations("file:" + config);
        CamelDefaults.applyTo(main);
        OnceCommand once = new OnceCommand(err);
        CheckCommand check = new CheckCommand(out);
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

            @Override
            public void afterConfigure(BaseMainSupport m) {
                CamelDefaults.requireSyncRoute(m.getCamelContext(), m.configure().getRoutesIncludePattern());
            }
        });
        Thread sigtermExit = cli.mode() == CommandLine.Mode.ONCE ? once.exitWithTheRunsCodeOnSigterm(() -> exiting) : null;
        try {
            main.run(cli.camelArgs().toArray(String[]::new));
        } catch (Exception e) {
            Optional<StartupFailure> failure = StartupFailure.of(e);
            if (failure.isPresent()) {
                // one clear line instead of a stack trace: the message names the key, the database or the port
                err.println("bison-sync: " + failure.get().line());
                return failure.get().exitCode();
            }
            throw e;
        } finally {
            once.finished();
            if (sigtermExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(sigtermExit);
                } catch (IllegalStateException shuttingDown) {
                    // SIGTERM came: the hook exits with the run's code
                }
            }
        }
        if (main.getCamelContext() == null && !oneShot) {
            return ExitCode.BAD_CONFIGURATION;
        }
        return switch (cli.mode()) {
            case ONCE -> once.exitCode();
            case CHECK -> check.exitCode();
            default -> main.getExitCode() == 0 ? ExitCode.SUCCESS : ExitCode.NOT_SUCCESSFUL;
        };
    }

    /** The jar's version (from its manifest); "development build" when run from classes. */
    static String version() {
        String v = BisonSyncApp.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** camel-main's version from its Maven metadata, which the jar keeps. */
    static String camelVersion() {
        try (var in = BisonSyncApp.class.getClassLoader().getResourceAsStream("META-INF/maven/org.apache.camel/camel-main/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Path configFile(String configFile) {
        if (configFile != null) {
            return Path.of(configFile);
        }
        String env = System.getenv("BISON_CONFIG");
        return Path.of(env != null && !env.isBlank() ? env : "config/application.properties");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
