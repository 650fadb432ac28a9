package io.bisonsync.cli;

import io.bisonsync.config.EditDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of bison-sync: its own {@code --} flags, and camel-main's own single-dash options passed
 * through as they are. Anything else (a misspelt flag above all) is a {@link UsageException}: the application
 * stops with one line naming it and the usage, instead of starting the long-running service.
 *
 * @param camelArgs camel-main's options and their values, in order, for {@code Main.run(String[])}
 */
public record CommandLine(Mode mode, boolean verbose, String configFile, List<String> camelArgs) {

    /** What the process does. */
    public enum Mode {
        /** Keep running on the schedule (no flag). */
        SERVICE,
        /** One sync, a report, an exit code. */
        ONCE,
        /** Validate configuration, reach the database, probe each instance's key; no sync. */
        CHECK,
        HELP,
        VERSION
    }

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar bison-sync.jar [--once | --check | --help | --version] [--verbose] [--config FILE] [camel-main options]",
            "  (no flag)      run as a service: a sync at start-up, then on bison.sync.cron; ops API and monitoring page on bison.ops.port",
            "  --once         sync once, print the report and exit: 0 success, 1 partial or failed, 2 bad configuration or usage,",
            "                 3 database unreachable, 4 a port could not be bound, 5 another run held the run lock",
            "  --check        validate the configuration, reach the database and probe each instance's key",
            "                 (GET /api/users and the workspace list); one line per instance, no sync; exit 0 when all are fine",
            "  --config FILE  the properties file (default config/application.properties, or the BISON_CONFIG variable)",
            "  --verbose      show Camel's own start-up and shutdown log lines",
            "  --version      print the version and exit",
            "  --help         print this help and exit",
            "  camel-main options (single dash) are passed to camel-main, e.g. -duration 60 or -trace");

    private static final List<String> FLAGS = List.of("--once", "--check", "--help", "--version", "--verbose", "--config");

    /**
     * Parses {@code args}.
     *
     * @param camelOptions camel-main's option names (e.g. {@code -duration} and {@code -d}), each mapped to whether it
     *     takes a value
     */
    public static CommandLine parse(String[] args, Map<String, Boolean> camelOptions) {
        Mode mode = Mode.SERVICE;
        boolean verbose = false;
        String config = null;
        List<String> camel = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--once" -> mode = exclusive(mode, Mode.ONCE, arg);
                case "--check" -> mode = exclusive(mode, Mode.CHECK, arg);
                case "--help", "-h", "-help" -> mode = Mode.HELP;
                case "--version" -> mode = mode == Mode.HELP ? mode : Mode.VERSION;
                case "--verbose" -> verbose = true;
                case "--config" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                        throw new UsageException("--config needs a file: --config FILE");
                    }
                    config = args[++i];
                }
                default -> {
                    Boolean takesValue = arg.startsWith("-") && !arg.startsWith("--") ? camelOptions.get(arg) : null;
                    if (takesValue == null) {
                        throw new UsageException(unknown(arg, camelOptions));
                    }
                    camel.add(arg);
                    if (takesValue) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("camel-main option " + arg + " needs a value");
                        }
                        camel.add(args[++i]);
                    }
                }
            }
        }
        return new CommandLine(mode, verbose, config, List.copyOf(camel));
    }

    private static Mode exclusive(Mode current, Mode wanted, String flag) {
        if (current == Mode.ONCE || current == Mode.CHECK) {
            if (current != wanted) {
                throw new UsageException("--once and --check cannot be combined");
            }
        }
        return current == Mode.HELP || current == Mode.VERSION ? current : wanted;
    }

    private static String unknown(String arg, Map<String, Boolean> camelOptions) {
        String what = arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'";
        String closest = null;
        int best = Integer.MAX_VALUE;
        List<String> known = new ArrayList<>(FLAGS);
        camelOptions.keySet().stream().filter(o -> o.length() > 3).forEach(known::add);
        for (String flag : known) {
            int d = EditDistance.between(arg, flag);
            if (d < best) {
                best = d;
                closest = flag;
            }
        }
        return best <= 2 ? what + " (did you mean " + closest + "?)" : what;
    }

    /** A command line that cannot be run: one line for the operator, then the usage; exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
