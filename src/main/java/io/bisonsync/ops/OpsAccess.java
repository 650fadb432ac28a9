package io.bisonsync.ops;

import io.bisonsync.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one access rule of the ops server, for every request it serves whatever route answers it (see
 * {@link OpsGate}): the {@code Host} header must name this server ({@code bison.ops.allowed-hosts}; on a loopback
 * bind only localhost and loopback addresses), a GET or HEAD needs {@code bison.ops.read-token} when one is set
 * (the ops token is accepted too; the monitoring page's static files excepted, they hold no data), any other method
 * needs {@code bison.ops.token} (without one, they are disabled), and a body larger than {@link #MAX_BODY} is
 * refused unread. Tokens are read from the {@code Authorization} header only, compared in constant time, and never
 * appear in an answer.
 */
public final class OpsAccess {

    /** Largest request body (the confirm body is some 50 bytes): a bigger one is refused unparsed. */
    public static final long MAX_BODY = 4096;

    private static final String PREFIX = "Bearer ";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    /** Why a request is refused: the status and the {"error": ...} text. */
    public record Refusal(int status, String message) {
    }

    private final Secret opsToken;
    private final Secret readToken;
    /** Host names (without port, lower case) answered; empty = any. */
    private final Set<String> allowedHosts;

    public OpsAccess(Secret opsToken, Secret readToken, String bindHost, Set<String> allowedHosts) {
        this.opsToken = opsToken;
        this.readToken = readToken;
        Set<String> hosts = new TreeSet<>();
        allowedHosts.forEach(h -> hosts.add(h.strip().toLowerCase(Locale.ROOT)));
        if (isLoopback(bindHost) || !hosts.isEmpty()) {
            hosts.addAll(LOOPBACK_NAMES);
        }
        this.allowedHosts = Set.copyOf(hosts);
    }

    /** A bind address only this machine can reach. */
    static boolean isLoopback(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /**
     * @param host          the request's {@code Host} header (null when absent)
     * @param authorization the request's own {@code Authorization} header, never a query or form parameter
     * @param contentLength the declared body length, -1 when none
     * @param pageFile      whether the path is one of the monitoring page's static files
     * @return the refusal to answer, or empty to serve the request
     */
    public Optional<Refusal> check(String method, String host, String authorization, long contentLength, boolean pageFile) {
        if (!allowedHosts.isEmpty() && !allowedHosts.contains(hostName(host))) {
            return refuse(421, "this server does not answer for the host the request names; allowed hosts are set with"
                    + " bison.ops.allowed-hosts");
        }
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (read) {
            if (readToken == null || pageFile) {
                return bodyLimit(contentLength);
            }
            if (!bearer(authorization)) {
                return refuse(401, "missing bearer token: reads need 'Authorization: Bearer <bison.ops.read-token>'");
            }
            return matches(authorization, readToken) || matches(authorization, opsToken) ? bodyLimit(contentLength)
                    : refuse(401, "wrong bearer token");
        }
        if (opsToken == null) {
            return refuse(403, "the manual trigger is disabled: set bison.ops.token (e.g. from the environment variable"
                    + " BISON_OPS_TOKEN) to enable it");
        }
        if (!bearer(authorization)) {
            return refuse(401, "missing bearer token: send the header 'Authorization: Bearer <bison.ops.token>'");
        }
        return matches(authorization, opsToken) ? bodyLimit(contentLength) : refuse(401, "wrong bearer token");
    }

    private static Optional<Refusal> bodyLimit(long contentLength) {
        return contentLength > MAX_BODY ? refuse(413, "the request body is larger than " + MAX_BODY + " bytes") : Optional.empty();
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }

    private static boolean bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    private static boolean matches(String authorization, Secret token) {
        if (token == null) {
            return false;
        }
        byte[] given = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.reveal().getBytes(StandardCharsets.UTF_8));
    }

    /** The host of a Host header, without its port: "[::1]:8080" is "[::1]", "Example.com:80" is "example.com". */
    static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        if (h.indexOf(':') != h.lastIndexOf(':')) {
            return h; // a bare IPv6 address
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    @Override
    public String toString() {
        return "OpsAccess[ops token " + (opsToken == null ? "none" : "****") + ", read token " + (readToken == null ? "none" : "****")
                + ", hosts " + (allowedHosts.isEmpty() ? "any" : allowedHosts) + "]";
    }
}
