package io.bisonsync.config;

import java.util.regex.Pattern;

/**
 * Checks a port and a bind address before anything binds them, naming the key: {@code 70000} is no port, and
 * {@code 999.1.1.1} is no address (not a "port taken").
 */
public final class Addresses {

    private static final Pattern DOTTED = Pattern.compile("\\d+(\\.\\d+){3}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?]?");

    private Addresses() {
    }

    /** A TCP port to bind: 1 to 65535, or 0 for a free one. */
    public static int port(String key, String value) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("\\d{1,9}")) {
            throw new ConfigException(key, "'" + value + "' is not a port (a whole number from 1 to 65535, or 0 for a free port)");
        }
        int port = Integer.parseInt(v);
        if (port > 65535) {
            throw new ConfigException(key, port + " is not a port (1 to 65535, or 0 for a free port)");
        }
        return port;
    }

    /** An address to bind: an IPv4 address (each part 0 to 255), an IPv6 literal or a host name. */
    public static String host(String key, String value) {
        String v = value == null ? "" : value.strip();
        boolean ok;
        if (DOTTED.matcher(v).matches()) {
            ok = true;
            for (String part : v.split("\\.")) {
                ok &= part.length() <= 3 && Integer.parseInt(part) <= 255;
            }
        } else {
            ok = v.length() <= 253 && (HOST_NAME.matcher(v).matches() && !v.matches("[\\d.]+") || IPV6.matcher(v).matches());
        }
        if (!ok) {
            throw new ConfigException(key, "'" + value + "' is not an IP address or host name to bind to (e.g. 127.0.0.1 or 0.0.0.0)");
        }
        return v;
    }
}
