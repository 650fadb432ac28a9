package io.bisonsync.ops;

import io.bisonsync.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code POST /api/sync} with {@code Authorization: Bearer <bison.ops.token>}. Without a configured token
 * the trigger is disabled (403). The token is compared in constant time and appears in no message.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private final Secret token;

    public BearerToken(Secret token) {
        this.token = token;
    }

    public boolean configured() {
        return token != null;
    }

    /** Returns when the header carries the token; otherwise throws the 403 or 401 to answer. */
    public void check(String authorization) {
        if (token == null) {
            throw new OpsRequestException(403, "the manual trigger is disabled: set bison.ops.token (e.g. from the environment"
                    + " variable BISON_OPS_TOKEN) to enable it");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new OpsRequestException(401, "missing bearer token: send the header 'Authorization: Bearer <bison.ops.token>'");
        }
        byte[] given = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.reveal().getBytes(StandardCharsets.UTF_8))) {
            throw new OpsRequestException(401, "wrong bearer token");
        }
    }

    @Override
    public String toString() {
        return "BearerToken[" + (token == null ? "not configured" : "****") + "]";
    }
}
