package io.bisonsync.ops.alerts;

/** A health check that changed state since the last message posted about it: fired (DOWN) or cleared (UP). */
public record Alert(String check, boolean firing, String message) {

    /** The Slack line: what changed, which alert, and the check's own reason. */
    public String text(String application) {
        return (firing ? ":rotating_light: FIRING " : ":white_check_mark: RESOLVED ") + application + " alert " + check + ": " + message;
    }

    /** For the log: "sync-age fired" or "sync-age cleared". */
    public String summary() {
        return check + (firing ? " fired" : " cleared");
    }
}
