package io.bisonsync.ops;

import io.bisonsync.api.RequestPacer;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.InstanceSettings;
import io.bisonsync.ops.alerts.AlertNotifier;
import io.bisonsync.ops.health.SyncCheck;
import io.bisonsync.run.RunGuard;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.camel.health.HealthCheck;

/**
 * What the monitoring page reads besides the database: the run in flight (lanes, accounts so far, request rate
 * against each instance's budget), the four health checks, and the read-only alerting configuration. Shown, never
 * changed; secrets (token, webhook URL) only as "configured" or not.
 */
public final class OpsMonitor {

    /** Window of the request rate shown against the budget. */
    static final long RATE_WINDOW_NANOS = 60_000_000_000L;

    private final RunGuard runs;
    private final List<SyncCheck> checks;
    private final BisonSettings settings;
    private final BisonSettings.Ops ops;
    private final boolean postRunSummaries;
    private final AlertNotifier notifier;
    private final MeterRegistry meters;
    private final LongSupplier nanoTime;
    private final RequestPacer pacer;
    private final Map<String, Deque<long[]>> samples = new ConcurrentHashMap<>();

    public OpsMonitor(RunGuard runs, List<SyncCheck> checks, BisonSettings settings, BisonSettings.Ops ops, boolean postRunSummaries,
                      AlertNotifier notifier, MeterRegistry meters, LongSupplier nanoTime, RequestPacer pacer) {
        this.runs = runs;
        this.checks = List.copyOf(checks);
        this.settings = settings;
        this.ops = ops;
        this.postRunSummaries = postRunSummaries;
        this.notifier = notifier;
        this.meters = meters;
        this.nanoTime = nanoTime;
        this.pacer = pacer;
    }

    /** GET /api/sync/progress: the run in flight, or {"running": false}; request rates either way. */
    public Map<String, Object> progress() {
        Map<String, Object> out = new LinkedHashMap<>();
        SyncRun run = runs.current();
        out.put("running", run != null);
        if (run != null) {
            List<WorkspaceRun> inFlight = run.inFlight();
            int accounts = run.accountsFetched() + inFlight.stream().mapToInt(WorkspaceRun::accountsRead).sum();
            out.put("runId", run.id() == 0 ? null : run.id());
            out.put("trigger", run.trigger());
            out.put("startedAt", run.startedAt().toString());
            out.put("elapsedSeconds", run.durationSeconds());
            out.put("workspacesDone", run.workspacesDone());
            out.put("workspacesPlanned", run.workspacesPlanned());
            out.put("accountsSoFar", accounts);
            List<Map<String, Object>> lanes = new ArrayList<>();
            inFlight.stream().sorted(Comparator.comparing(WorkspaceRun::label)).forEach(ws -> {
                Map<String, Object> lane = new LinkedHashMap<>();
                lane.put("instance", ws.instanceName());
                lane.put("key", ws.credential().keyLabel());
                lane.put("workspace", ws.workspaceName());
                lane.put("pages", ws.pagesFetched());
                lane.put("accounts", ws.accountsRead());
                lanes.add(lane);
            });
            out.put("lanes", lanes);
        }
        out.put("instances", rates());
        return out;
    }

    /**
     * Per instance: API answers in the last minute against its request budget now (0 = the seed's fixed page delay;
     * lower than configured when the server's X-RateLimit-Limit lowered it).
     */
    private List<Map<String, Object>> rates() {
        long now = nanoTime.getAsLong();
        List<Map<String, Object>> out = new ArrayList<>();
        for (InstanceSettings instance : settings.instances()) {
            double total = meters.find("bison_sync_api_responses_total").tag("bison_instance", instance.name()).counters().stream()
                    .mapToDouble(Counter::count).sum();
            Deque<long[]> window = samples.computeIfAbsent(instance.name(), k -> new ArrayDeque<>());
            double perMinute;
            synchronized (window) {
                window.addLast(new long[] {now, (long) total});
                while (window.size() > 1 && now - window.peekFirst()[0] > RATE_WINDOW_NANOS) {
                    window.removeFirst();
                }
                long[] first = window.peekFirst();
                double minutes = (now - first[0]) / 60e9;
                perMinute = minutes <= 0 ? 0 : (total - first[1]) / minutes;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instance", instance.name());
            m.put("requestsPerMinute", Math.round(perMinute));
            m.put("budgetPerMinute", pacer.effectiveBudget(instance));
            m.put("requestsTotal", (long) total);
            out.add(m);
        }
        return out;
    }

    /** GET /api/sync/checks: the four alert checks with state and message. */
    public Map<String, Object> checks() {
        List<Map<String, Object>> list = new ArrayList<>();
        boolean up = true;
        for (SyncCheck check : checks) {
            HealthCheck.Result result = check.call();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", check.getId());
            m.put("state", result.getState().name());
            m.put("message", result.getMessage().orElse(""));
            up &= result.getState() != HealthCheck.State.DOWN;
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "UP" : "DOWN");
        out.put("checks", list);
        return out;
    }

    /** GET /api/ops/config: alert thresholds and the notifier's state, read-only; secrets only as configured or not. */
    public Map<String, Object> config() {
        BisonSettings.Health h = settings.health();
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("bison.health.max-sync-age", duration(h.maxSyncAge().toSeconds()));
        thresholds.put("bison.health.max-consecutive-failed-runs", h.maxConsecutiveFailedRuns());
        thresholds.put("bison.health.max-account-drop", h.maxAccountDrop());
        thresholds.put("bison.health.max-consecutive-workspace-failures", h.maxConsecutiveWorkspaceFailures());
        thresholds.put("bison.sync.mass-drop-threshold", settings.sync().massDropThreshold());
        Map<String, Object> notifierState = new LinkedHashMap<>();
        notifierState.put("webhookConfigured", notifier.enabled());
        notifierState.put("webhookFailing", notifier.webhookFailing());
        notifierState.put("checkInterval", duration(ops.alertCheckInterval().toSeconds()));
        notifierState.put("postRunSummaries", postRunSummaries);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("thresholds", thresholds);
        out.put("notifier", notifierState);
        out.put("manualTrigger", ops.token() != null);
        out.put("cron", settings.sync().cron());
        return out;
    }

    /** Seconds as configured durations are written: 1h, 30m, 45s. */
    static String duration(long s) {
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
