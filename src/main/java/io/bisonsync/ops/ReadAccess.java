package io.bisonsync.ops;

import io.bisonsync.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the ops API's GETs when {@code bison.ops.read-token} is set: they then need
 * {@code Authorization: Bearer <read token>} (the ops token, which may do more, is accepted too). Without a read
 * token the GETs are open, for an API reachable only from where it is bound ({@code bison.ops.host}).
 */
public final class ReadAccess {

    private static final String PREFIX = "Bearer ";

    private final Secret readToken;
    private final Secret opsToken;

    public ReadAccess(Secret readToken, Secret opsToken) {
        this.readToken = readToken;
        this.opsToken = opsToken;
    }

    public boolean required() {
        return readToken != null;
    }

    /** Returns when reads are open or the header carries the read or ops token; otherwise throws the 401. */
    public void check(String authorization) {
        if (readToken == null) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new OpsRequestException(401, "missing bearer token: reads need 'Authorization: Bearer <bison.ops.read-token>'");
        }
        byte[] given = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        boolean read = MessageDigest.isEqual(given, readToken.reveal().getBytes(StandardCharsets.UTF_8));
        boolean ops = opsToken != null && MessageDigest.isEqual(given, opsToken.reveal().getBytes(StandardCharsets.UTF_8));
        if (!read && !ops) {
            throw new OpsRequestException(401, "wrong bearer token");
        }
    }

    @Override
    public String toString() {
        return "ReadAccess[" + (readToken == null ? "open" : "****") + "]";
    }
}
