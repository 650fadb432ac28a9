package io.bisonsync.metrics;

import io.bisonsync.api.Credential;
import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business metrics, documented in docs/operating.md ("Metrics"). Names are stable; tags are bounded:
 * {@code bison_instance} everywhere it matters, {@code workspace_id} only on failures (see {@link WorkspaceLabels}).
 */
public final class SyncMetrics {

    private final MeterRegistry registry;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong workspacesDone = new AtomicLong();
    private final AtomicLong workspacesTotal = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final Map<String, AtomicLong> cached = new ConcurrentHashMap<>();
    private final DistributionSummary batchRows;
    private final WorkspaceLabels workspaces;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.workspaces = new WorkspaceLabels(registry);
        Gauge.builder("bison_sync_last_success_timestamp_seconds", lastSuccess, AtomicLong::get)
                .description("Unix time of the end of the last run with status success or partial").register(registry);
        Gauge.builder("bison_sync_run_workspaces_done", workspacesDone, AtomicLong::get)
                .description("Workspaces finished in the run in flight (or the last run)").register(registry);
        Gauge.builder("bison_sync_run_workspaces_planned", workspacesTotal, AtomicLong::get)
                .description("Workspaces planned in the run in flight (or the last run)").register(registry);
        Gauge.builder("bison_sync_run_in_progress", running, AtomicLong::get)
                .description("1 while a sync run is in progress").register(registry);
        batchRows = DistributionSummary.builder("bison_sync_batch_rows")
                .description("Rows per staged batch (count = batches written)").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** How workspaces appear in labels (shared with the health gauges). */
    public WorkspaceLabels workspaceLabels() {
        return workspaces;
    }

    public void runStarted() {
        running.set(1);
        workspacesDone.set(0);
        workspacesTotal.set(0);
    }

    public void planned(int workspaces) {
        workspacesTotal.addAndGet(workspaces);
    }

    public void runFinished(SyncRun run) {
        running.set(0);
        RunStatus status = run.status();
        registry.counter("bison_sync_runs_total", "status", status.dbValue()).increment();
        Timer.builder("bison_sync_run_duration_seconds").description("Duration of sync runs").register(registry)
                .record(Duration.ofMillis((long) (run.durationSeconds() * 1000)));
        if (status != RunStatus.FAILED) {
            lastSuccess.set(System.currentTimeMillis() / 1000);
        }
    }

    public void workspaceFinished(WorkspaceRun ws) {
        workspacesDone.incrementAndGet();
        String instance = ws.instanceName();
        count("bison_sync_accounts_total", instance, "outcome", "fetched", ws.accountsRead());
        count("bison_sync_accounts_total", instance, "outcome", "inserted", ws.inserted());
        count("bison_sync_accounts_total", instance, "outcome", "updated", ws.updated());
        count("bison_sync_accounts_total", instance, "outcome", "unchanged", Math.max(0, ws.accountsRead() - ws.inserted() - ws.updated()));
        count("bison_sync_accounts_total", instance, "outcome", "deleted", ws.deleted());
        count("bison_sync_accounts_total", instance, "outcome", "held", ws.held());
        count("bison_sync_accounts_total", instance, "outcome", "rejected", ws.rejected());
        registry.counter("bison_sync_workspaces_total", "bison_instance", instance, "status", ws.status().dbValue()).increment();
        if (!ws.status().readInFull()) {
            registry.counter("bison_sync_workspace_failures_total", "bison_instance", instance, "workspace_id",
                    workspaces.label(instance, ws.workspaceId(), ws.workspaceName())).increment();
        }
    }

    /** What the lookups of a complete read proved: accounts deleted as gone, stored again, left moved, kept unproven. */
    public void deletionProof(String instance, int verifiedGone, int recovered, int moved, int unverified) {
        count("bison_sync_accounts_total", instance, "outcome", "verified_gone", verifiedGone);
        count("bison_sync_accounts_total", instance, "outcome", "recovered", recovered);
        count("bison_sync_accounts_total", instance, "outcome", "moved", moved);
        count("bison_sync_accounts_total", instance, "outcome", "unverified", unverified);
    }

    /** A super-admin read found its key switched away (or could not prove it): nothing of the read applied. */
    public void keySwitched(String instance) {
        registry.counter("bison_sync_key_switches_total", "bison_instance", instance).increment();
    }

    /** Accounts removed at run end because they moved to a workspace bison-sync does not read. */
    public void movedOut(String instance, int accounts) {
        count("bison_sync_accounts_total", instance, "outcome", "moved_out", accounts);
    }

    public void listingFailed(String instance, String listingName) {
        registry.counter("bison_sync_workspace_failures_total", "bison_instance", instance, "workspace_id",
                workspaces.label(instance, null, listingName)).increment();
    }

    public void pageFetched(Credential credential) {
        registry.counter("bison_sync_pages_total", "bison_instance", instance(credential)).increment();
    }

    public void response(Credential credential, Integer status) {
        String kind = status == null ? "io" : status == 429 ? "429" : (status / 100) + "xx";
        registry.counter("bison_sync_api_responses_total", "bison_instance", instance(credential), "class", kind).increment();
    }

    public void rateLimited(Credential credential) {
        registry.counter("bison_sync_rate_limited_total", "bison_instance", instance(credential)).increment();
    }

    public void retried(Credential credential) {
        registry.counter("bison_sync_retries_total", "bison_instance", instance(credential)).increment();
    }

    public void batchWritten(int rows) {
        batchRows.record(rows);
    }

    public void accountsCached(String instance, long count) {
        cached.computeIfAbsent(instance, i -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("bison_sync_accounts_cached", holder, AtomicLong::get).tag("bison_instance", i)
                    .description("Accounts in email_accounts_cache after the last run").register(registry);
            return holder;
        }).set(count);
    }

    private void count(String name, String instance, String tag, String value, long amount) {
        registry.counter(name, "bison_instance", instance, tag, value).increment(amount);
    }

    private static String instance(Credential credential) {
        return credential == null ? "unknown" : credential.instance().name();
    }

}
