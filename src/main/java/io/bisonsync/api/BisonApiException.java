package io.bisonsync.api;

import java.time.Duration;

/**
 * A failed Email Bison call, classified the way the API contract says to treat it. Messages name the instance
 * and workspace and never carry a key.
 */
public class BisonApiException extends RuntimeException {

    public enum Kind {
        /** 401/403: the key is wrong or reaches for another workspace; never retried. */
        AUTH(false),
        /** 429: retried after Retry-After, within bison.http.max-retry-after. */
        RATE_LIMITED(true),
        /** 5xx and I/O errors: retried with exponential backoff. */
        TRANSIENT(true),
        /** A body that is not the documented envelope (HTML, truncated JSON, success:false...); not retried. */
        MALFORMED(false),
        /** Other 4xx (404, 422): not retried. */
        CLIENT(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public BisonApiException(Kind kind, int status, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public BisonApiException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** The server's Retry-After, for 429s; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
