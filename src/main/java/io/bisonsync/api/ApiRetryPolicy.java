package io.bisonsync.api;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;

/**
 * Decides, for the dead-letter channels of the sync routes, which failures are retried: 429 (after its
 * Retry-After, bounded by bison.http.max-retry-after), 5xx and I/O errors, never past the workspace's deadline nor
 * once the run is stopping. 401/403, other 4xx, malformed bodies and database errors go to the dead letter at once.
 * How often is not decided here: routes/errors.camel.yaml declares the redelivery policy (bison.http.max-retries
 * per request, the backoff) and sends the failures {@link #isFinal} names to the dead letter without a retry.
 */
public final class ApiRetryPolicy implements Predicate {

    private final BisonSettings.Http http;
    private final RequestPacer pacer;
    private final SyncMetrics metrics;

    public ApiRetryPolicy(BisonSettings.Http http, RequestPacer pacer, SyncMetrics metrics) {
        this.http = http;
        this.pacer = pacer;
        this.metrics = metrics;
    }

    /** Whether this failure is worth another try (the cap on how many is the redelivery policy's). */
    @Override
    public boolean matches(Exchange exchange) {
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        if (workspace != null && workspace.deadlinePassed()) {
            return false;
        }
        SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
        if (run != null && run.stopRequested()) {
            return false; // shutdown, a lost database or the run timeout: an abandoned request is not tried again
        }
        Throwable error = cause(exchange);
        if (error instanceof BisonApiException api) {
            if (api.kind() == BisonApiException.Kind.RATE_LIMITED) {
                return api.retryAfter().compareTo(http.maxRetryAfter()) <= 0;
            }
            return api.kind().retryable();
        }
        return isIo(error);
    }

    /** The onException rule of routes/errors.camel.yaml: a failure that is not retried, asked again on every failure. */
    public boolean isFinal(Exchange exchange) {
        return !matches(exchange);
    }

    /** onExceptionOccurred: a 429 waits its Retry-After and pauses the instance; anything else uses the backoff. */
    public Processor retryAfterDelay() {
        return exchange -> {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
            if (cause(exchange) instanceof BisonApiException api && api.kind() == BisonApiException.Kind.RATE_LIMITED) {
                Credential credential = credentialOf(exchange);
                metrics.rateLimited(credential);
                boolean waitable = api.retryAfter().compareTo(http.maxRetryAfter()) <= 0;
                if (credential != null && waitable) {
                    // the whole instance slows down, but only for a wait this client honours: a Retry-After too long
                    // for one key fails that key's workspace and holds up nobody else
                    pacer.pause(credential, api.retryAfter());
                }
                exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, waitable ? api.retryAfter().toMillis() : 0L);
                WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
                if (workspace != null && waitable) {
                    // the server asked this reader to wait: that time is not the workspace's slowness
                    workspace.waited(api.retryAfter().toNanos());
                }
            }
        };
    }

    /** onRedelivery: counts the retry on the workspace and in the metrics. */
    public Processor countRetry() {
        return exchange -> {
            WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
            if (workspace != null) {
                workspace.retried();
            }
            metrics.retried(credentialOf(exchange));
        };
    }

    private static Credential credentialOf(Exchange exchange) {
        return exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class);
    }

    public static Throwable cause(Exchange exchange) {
        Throwable t = exchange.getException();
        return t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static boolean isIo(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
