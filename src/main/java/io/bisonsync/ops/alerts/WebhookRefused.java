package io.bisonsync.ops.alerts;

/** The alert webhook answered, but not with 2xx. */
public final class WebhookRefused extends Exception {

    public WebhookRefused(String message) {
        super(message, null, false, false);
    }
}
