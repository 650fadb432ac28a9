package io.bisonsync.ops.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The inputs of the four health checks as gauges, read from PostgreSQL each time the checks refresh (every
 * bison.alerts.check-interval), so they survive restarts and Prometheus can
 * alert on the same facts as the health checks (config/prometheus-alerts.yml).
 */
public final class HealthMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private volatile boolean read;
    private final AtomicLong failedRuns = new AtomicLong();
    private final Map<String, AtomicLong> checkUp = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> drops = new ConcurrentHashMap<>();
    private final Map<List<Object>, AtomicLong> workspaceFailures = new ConcurrentHashMap<>();

    private final io.bisonsync.metrics.WorkspaceLabels workspaceLabels;

    public HealthMetrics(MeterRegistry registry, Clock clock, io.bisonsync.metrics.WorkspaceLabels workspaceLabels) {
        this.registry = registry;
        this.workspaceLabels = workspaceLabels;
        this.clock = clock;
        this.startedAt = clock.instant();
        Gauge.builder("bison_sync_last_success_age_seconds", this, HealthMetrics::lastSuccessAgeSeconds)
                .description("Seconds since the end of the last run with status success or partial, per PostgreSQL"
                        + " (since start-up while there is none; NaN until the checks first ran)")
                .register(registry);
        Gauge.builder("bison_sync_consecutive_failed_runs", failedRuns, AtomicLong::get)
                .description("Runs with status failed since the last run with status success or partial").register(registry);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant now() {
        return clock.instant();
    }

    void checked(String check, boolean up) {
        checkUp.computeIfAbsent(check, c -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("bison_sync_health_check_up", holder, AtomicLong::get).tag("check", c)
                    .description("1 while the health check is UP, 0 while its alert holds").register(registry);
            return holder;
        }).set(up ? 1 : 0);
    }

    void lastSuccess(Instant at) {
        lastSuccess.set(at);
        read = true;
    }

    void consecutiveFailedRuns(long runs) {
        failedRuns.set(runs);
    }

    /** Drop of each instance's accounts over the workspaces read completely in the last two finished runs (0 when it grew or held). */
    void accountDrops(Map<String, Double> byInstance) {
        drops.forEach((instance, holder) -> holder.set(byInstance.getOrDefault(instance, 0.0)));
        byInstance.forEach((instance, drop) -> drops.computeIfAbsent(instance, i -> {
            AtomicReference<Double> holder = new AtomicReference<>(0.0);
            Gauge.builder("bison_sync_account_drop_ratio", holder, AtomicReference::get).tag("bison_instance", i)
                    .description("Fraction of an instance's accounts that disappeared between the last two finished runs, over the workspaces read completely in both")
                    .register(registry);
            return holder;
        }).set(drop));
    }

    /**
     * Consecutive failures per [instance, workspace id (null for a workspace list), workspace name]; a workspace that
     * recovered drops to 0. Labelled by workspace_id, the name is in bison_sync_workspace_name.
     */
    void workspaceFailures(Map<List<Object>, Integer> failing) {
        Set<List<Object>> seen = new HashSet<>(workspaceFailures.keySet());
        seen.removeAll(failing.keySet());
        seen.forEach(key -> workspaceFailures.get(key).set(0));
        failing.forEach((key, runs) -> workspaceFailures.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("bison_sync_workspace_consecutive_failures", holder, AtomicLong::get)
                    .tag("bison_instance", (String) k.get(0))
                    .tag("workspace_id", workspaceLabels.label((String) k.get(0), (Long) k.get(1), (String) k.get(2)))
                    .description("Consecutive runs in which the workspace's read failed (email_sync_workspace_state)")
                    .register(registry);
            return holder;
        }).set(runs));
    }

    private double lastSuccessAgeSeconds() {
        if (!read) {
            return Double.NaN;
        }
        Instant since = lastSuccess.get() == null ? startedAt : lastSuccess.get();
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }
}
