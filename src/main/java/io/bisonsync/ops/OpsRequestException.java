package io.bisonsync.ops;

/** A request the ops API refuses: the HTTP status and the message answered as {@code {"error": "..."}}. */
public final class OpsRequestException extends RuntimeException {

    private final int status;

    public OpsRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
