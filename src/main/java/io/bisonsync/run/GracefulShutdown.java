package io.bisonsync.run;

import io.bisonsync.api.BisonHttp;
import io.bisonsync.api.RequestPacer;
import java.time.Duration;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown: on SIGTERM (the JVM shutdown hook, also while --once is mid-run) or when Camel stops (this
 * notifier), the run in flight takes no new page, requests in flight and pacing waits are abandoned at once, and the
 * hook waits for the run to record its status, at most the shutdown timeout. Whatever the API does (hang, trickle,
 * 429 with a long Retry-After), the run records itself well within camel.main.shutdown-timeout.
 */
public final class GracefulShutdown extends SimpleEventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final RunGuard runs;
    private final BisonHttp http;
    private final RequestPacer pacer;
    private final Duration timeout;

    public GracefulShutdown(RunGuard runs, BisonHttp http, RequestPacer pacer, Duration timeout) {
        this.runs = runs;
        this.http = http;
        this.pacer = pacer;
        this.timeout = timeout;
    }

    /** The run stops taking pages; requests and waits in flight end now. */
    public void stopNow() {
        runs.stopCurrent();
        http.abortAll();
        pacer.abortAll();
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            stopNow();
        }
    }

    /** The JVM shutdown hook: stops the run and waits until it has recorded itself. */
    public Thread hook() {
        return new Thread(() -> {
            stopNow();
            try {
                if (!runs.awaitIdle(timeout)) {
                    LOG.warn("The sync run in flight did not finish within {} s of shutdown", timeout.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bison-sync-shutdown");
    }
}
