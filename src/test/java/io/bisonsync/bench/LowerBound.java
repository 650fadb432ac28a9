package io.bisonsync.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The shortest wall time a sync can take against a server with a fixed latency and request budget. Per instance it
 * is the larger of its requests / budget per second (the server's rate limit) and requests x latency / concurrency
 * (its readers, bison.instance.&lt;id&gt;.max-parallel); the run's bound is the largest over instances. Every
 * request counts, workspace lists as well as pages: each takes a budget slot and the latency.
 */
final class LowerBound {

    private LowerBound() {
    }

    static double seconds(Map<String, Integer> requestsByInstance, int budgetPerMinute, Duration latency,
                          ToIntFunction<String> readers) {
        double latencySeconds = latency.toNanos() / 1e9;
        return requestsByInstance.entrySet().stream()
                .mapToDouble(e -> Math.max(e.getValue() / (budgetPerMinute / 60.0),
                        e.getValue() * latencySeconds / readers.applyAsInt(e.getKey())))
                .max().orElse(0);
    }
}
