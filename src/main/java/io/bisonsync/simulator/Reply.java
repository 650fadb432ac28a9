package io.bisonsync.simulator;

import java.time.Duration;

/**
 * What the API decided for one request, before it goes on the wire.
 *
 * @param response    null when the request is to be left hanging
 * @param page        the page of a sender-email list read, else null
 * @param workspaceId the workspace served or switched to, else null
 * @param trickle     null, or the pause before each byte of the body
 */
record Reply(Response response, Integer page, Long workspaceId, Duration delay, Duration trickle) {

    Reply(Response response, Integer page, Long workspaceId, Duration delay) {
        this(response, page, workspaceId, delay, null);
    }

    static Reply of(Response response) {
        return new Reply(response, null, null, Duration.ZERO);
    }

    static Reply of(Response response, Long workspaceId) {
        return new Reply(response, null, workspaceId, Duration.ZERO);
    }

    static Reply page(Response response, int page, long workspaceId) {
        return new Reply(response, page, workspaceId, Duration.ZERO);
    }

    static Reply hang(int page, long workspaceId) {
        return new Reply(null, page, workspaceId, Duration.ZERO);
    }

    Reply trickling(Duration perByte) {
        return new Reply(response, page, workspaceId, delay, perByte);
    }

    boolean hangs() {
        return response == null;
    }

    /** 0 for a hanging request, which never gets a status. */
    int status() {
        return hangs() ? 0 : response.status();
    }

    Reply withDelay(Duration delay) {
        return new Reply(response, page, workspaceId, delay, trickle);
    }

    Reply withHeader(String name, String value) {
        return hangs() ? this : new Reply(response.withHeader(name, value), page, workspaceId, delay, trickle);
    }
}
