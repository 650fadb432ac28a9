package io.bisonsync.ops;

import io.bisonsync.run.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Creates the business counters of {@link io.bisonsync.metrics.SyncMetrics} at 0 for every configured instance, so
 * /observe/metrics has their series from start-up on: Prometheus shows no series for a counter never incremented,
 * and increase() over a series that appears mid-window misses its first count (a first 429 or failed run).
 */
public final class CounterBaseline {

    static final List<String> RESPONSE_CLASSES = List.of("2xx", "4xx", "429", "5xx", "io");
    static final List<String> OUTCOMES = List.of("fetched", "inserted", "updated", "unchanged", "deleted", "held", "rejected");

    private CounterBaseline() {
    }

    public static void register(MeterRegistry registry, List<String> instances) {
        for (RunStatus status : RunStatus.values()) {
            registry.counter("bison_sync_runs_total", "status", status.dbValue());
        }
        for (String instance : instances) {
            registry.counter("bison_sync_pages_total", "bison_instance", instance);
            registry.counter("bison_sync_rate_limited_total", "bison_instance", instance);
            registry.counter("bison_sync_retries_total", "bison_instance", instance);
            RESPONSE_CLASSES.forEach(c -> registry.counter("bison_sync_api_responses_total", "bison_instance", instance, "class", c));
            OUTCOMES.forEach(o -> registry.counter("bison_sync_accounts_total", "bison_instance", instance, "outcome", o));
        }
    }
}
