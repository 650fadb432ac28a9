package io.bisonsync.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API routes the simulator knows, matched on the path after {@code /<slug>/api/}. */
enum Endpoint {
    USERS("GET", "users"),
    WORKSPACES("GET", "workspaces(/v1\\.1)?"),
    SWITCH_WORKSPACE("POST", "workspaces/v1\\.1/switch-workspace"),
    SENDER_EMAILS("GET", "sender-emails"),
    SENDER_EMAIL("GET", "sender-emails/(\\d+)");

    private final String method;
    private final Pattern route;

    Endpoint(String method, String route) {
        this.method = method;
        this.route = Pattern.compile(route);
    }

    String method() {
        return method;
    }

    /** The endpoint whose route matches, or null. */
    static Endpoint match(String route) {
        for (Endpoint endpoint : values()) {
            if (endpoint.route.matcher(route).matches()) {
                return endpoint;
            }
        }
        return null;
    }

    /** The record id of {@link #SENDER_EMAIL}. */
    static long recordId(String route) {
        Matcher m = SENDER_EMAIL.route.matcher(route);
        if (!m.matches()) {
            throw new IllegalArgumentException(route);
        }
        return Long.parseLong(m.group(1));
    }
}
