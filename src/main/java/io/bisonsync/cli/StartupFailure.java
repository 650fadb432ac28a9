package io.bisonsync.cli;

import io.bisonsync.config.ConfigException;
import io.bisonsync.db.DatabaseUnavailableException;
import java.net.BindException;
import java.util.Optional;

/**
 * A start-up failure the operator can fix: the one line to print instead of a stack trace (it names the key, the
 * database or the port) and the exit code. Anything else is not one of these.
 */
public record StartupFailure(String line, ExitCode exitCode) {

    public static Optional<StartupFailure> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) {
                return Optional.of(new StartupFailure(t.getMessage(), ExitCode.BAD_CONFIGURATION));
            }
            if (t instanceof DatabaseUnavailableException) {
                return Optional.of(new StartupFailure(t.getMessage(), ExitCode.DATABASE_UNREACHABLE));
            }
            if (t instanceof Ports.PortInUseException) {
                return Optional.of(new StartupFailure(t.getMessage(), ExitCode.PORT_TAKEN));
            }
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return Optional.of(new StartupFailure("a port is already in use, is another bison-sync running? (" + t.getMessage()
                        + "); set bison.ops.port, camel.management.port or bison.simulator.port", ExitCode.PORT_TAKEN));
            }
        }
        return Optional.empty();
    }

    /** "IllegalStateException: could not lock data/postgres/epg-lock" of the innermost cause. */
    public static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
