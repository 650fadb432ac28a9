package io.bisonsync.api;

import io.bisonsync.config.InstanceSettings;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.workspace.WorkspaceRun;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces Email Bison requests. With {@code bison.instance.<id>.requests-per-minute} set, every reader of that
 * instance shares one budget: request starts are spaced so that no 60 s window holds more than the budget.
 * Without it, each lane pauses {@code bison.sync.page-delay} after each answer before its next request (the
 * seed's behaviour).
 * A 429 or an exhausted {@code X-RateLimit-Remaining} pauses the whole instance instead of failing.
 */
public final class RequestPacer {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPacer.class);

    private final Duration pageDelay;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<Credential, Long> lastResponse = new ConcurrentHashMap<>();
    private volatile boolean aborted;

    public RequestPacer(Duration pageDelay) {
        this.pageDelay = pageDelay;
    }

    /**
     * The call-bison step: waits until the lane may send its next request, and tells the workspace being read how
     * long it waited, which its timeout does not count (a wait for the budget or a 429 pause is nobody's slowness).
     */
    public void pace(Exchange exchange) {
        long waited = acquire(exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class));
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        if (workspace != null) {
            workspace.waited(waited);
        }
    }

    /** Blocks until the credential may send its next request; returns the nanoseconds it waited. */
    public long acquire(Credential credential) {
        long start = System.nanoTime();
        sleepUntil(budget(credential).reserve());
        if (credential.instance().requestsPerMinute() == 0) {
            Long lastAnswer = lastResponse.get(credential);
            if (lastAnswer != null) {
                sleepUntil(lastAnswer + pageDelay.toNanos());
            }
        }
        return System.nanoTime() - start;
    }

    /** The server said to slow down: no reader of this instance starts a request before {@code pause} has passed. */
    public void pause(Credential credential, Duration pause) {
        budget(credential).pauseFor(pause);
    }

    private Budget budget(Credential credential) {
        return budget(credential.instance());
    }

    private Budget budget(InstanceSettings instance) {
        return budgets.computeIfAbsent(instance.id(), id -> new Budget(instance.requestsPerMinute()));
    }

    /**
     * A response arrived: starts the reader's page delay (the seed paused after each answer, not between request
     * starts); a server limit (X-RateLimit-Limit) below the configured budget becomes the budget, so a server
     * stricter than its configuration slows the run down instead of failing it; and the instance pauses for a
     * second when X-RateLimit-Remaining says its budget is spent.
     */
    public void observe(Credential credential, Integer limit, Integer remaining) {
        lastResponse.put(credential, System.nanoTime());
        if (limit != null && limit > 0 && budget(credential).atMost(limit)) {
            LOG.info("[{}] the server allows {} requests per minute (X-RateLimit-Limit), below the request budget {}: reading"
                    + " at {} per minute from now on", credential.instance().name(), limit, credential.instance().requestsPerMinute(), limit);
        }
        if (remaining != null && remaining <= 0) {
            pause(credential, Duration.ofSeconds(1));
        }
    }

    /**
     * The requests per minute the instance's readers are held to now: the configured budget or a lower server limit
     * (the monitoring page shows it beside the measured rate).
     */
    public int effectiveBudget(InstanceSettings instance) {
        return budget(instance).perMinute();
    }

    /** Graceful shutdown: every wait ends now, and none starts (the HTTP client refuses to send anyway). */
    public void abortAll() {
        aborted = true;
    }

    /** How long the instance of {@code credential} is still paused by the server (zero when it is not). */
    public Duration pausedFor(Credential credential) {
        return budget(credential).pausedFor();
    }

    private void sleepUntil(long deadlineNanos) {
        long wait;
        while (!aborted && (wait = deadlineNanos - System.nanoTime()) > 0) {
            wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)); // notices abortAll() within 100 ms
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * Evenly spaced request starts, at most {@code perMinute} in any 60 s window (no spacing when 0), plus
     * server-requested pauses.
     */
    private static final class Budget {

        private int perMinute;
        private long intervalNanos;
        private long nextSlot = System.nanoTime();
        private long pausedUntil = System.nanoTime();

        Budget(int perMinute) {
            setPerMinute(perMinute);
        }

        private void setPerMinute(int perMinute) {
            this.perMinute = perMinute;
            // spacing 60 s / (n - 1) fits at most n starts in any closed 60 s window; 2% headroom absorbs the
            // jitter between a request's start here and its arrival at the server
            this.intervalNanos = perMinute == 0 ? 0 : (long) (TimeUnit.MINUTES.toNanos(1) / Math.max(1, perMinute * 0.98 - 1)) + 1;
        }

        /**
         * Lowers the budget to a limit the server announced; an unpaced instance (0) keeps the seed's behaviour.
         * Whether it lowered the budget.
         */
        synchronized boolean atMost(int serverLimit) {
            if (perMinute > 0 && serverLimit < perMinute) {
                setPerMinute(serverLimit);
                return true;
            }
            return false;
        }

        synchronized int perMinute() {
            return perMinute;
        }

        /** The start time (nanoTime) of the caller's next request. */
        synchronized long reserve() {
            long now = System.nanoTime();
            long slot = Math.max(Math.max(now, nextSlot), pausedUntil);
            nextSlot = slot + intervalNanos;
            return slot;
        }

        synchronized Duration pausedFor() {
            return Duration.ofNanos(Math.max(0, pausedUntil - System.nanoTime()));
        }

        synchronized void pauseFor(Duration pause) {
            long until = System.nanoTime() + pause.toNanos();
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
    }
}
