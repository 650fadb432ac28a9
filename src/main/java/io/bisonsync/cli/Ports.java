package io.bisonsync.cli;

import io.bisonsync.config.Addresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fixed ports a process is about to serve on, checked before anything starts: the HTTP servers bind
 * asynchronously and would only log a port that is taken, leaving a process that runs without its ops API or
 * health endpoint. A port that cannot be bound is a {@link PortInUseException} naming its key.
 */
public final class Ports {

    private Ports() {
    }

    /** Checks the ops server ({@code camel.server.port}) and the management server ({@code camel.management.port}). */
    public static void checkFree(Function<String, Optional<String>> resolve) {
        if (enabled(resolve, "camel.server.enabled")) {
            check(resolve, "camel.server.port", "camel.server.host", "bison.ops.port", "bison.ops.host");
        }
        if (enabled(resolve, "camel.management.enabled")) {
            check(resolve, "camel.management.port", "camel.management.host", "camel.management.port", "camel.management.host");
        }
    }

    private static boolean enabled(Function<String, Optional<String>> resolve, String key) {
        return resolve.apply(key).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
    }

    private static void check(Function<String, Optional<String>> resolve, String portKey, String hostKey, String documentedKey,
                              String documentedHostKey) {
        // a port or address that cannot be one is a configuration error naming its key, not a "port taken"
        int port = Addresses.port(documentedKey, resolve.apply(portKey).orElse("0"));
        if (port == 0) {
            return;
        }
        String host = Addresses.host(documentedHostKey, resolve.apply(hostKey).map(String::strip).filter(h -> !h.isEmpty()).orElse("0.0.0.0"));
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException("port " + port + " (" + documentedKey + ") cannot be bound on " + host + ": "
                    + e.getMessage() + "; is another bison-sync running? Choose another port with " + documentedKey);
        }
    }

    /** A port the process needs is taken: one line for the operator, exit code 4. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String message) {
            super(message);
        }
    }
}
