package io.bisonsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.InstanceSettings;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lifecycle the sync routes call: one run at a time across every process on the database (a trigger that
 * fires during a run, here or in another process, gets null and is skipped; see {@link RunLock}), the lanes to read,
 * the workspaces each lane's listing yields, failures, and the closing row.
 */
public final class SyncRuns {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRuns.class);

    /** Why the last {@link #open} returned null: busy (a run is in progress somewhere) or the lock was unreachable. */
    public record Refusal(boolean busy, String reason) {
    }

    private final BisonSettings settings;
    private final ObjectMapper mapper;
    private final SyncMetrics metrics;
    private final AtomicReference<SyncRun> current = new AtomicReference<>();
    private final List<SyncRun> unclosed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RunLock lock;
    private volatile RunLock.Lease lease;
    private volatile Refusal refusal;

    public SyncRuns(BisonSettings settings, ObjectMapper mapper, SyncMetrics metrics, RunLock lock) {
        this.settings = settings;
        this.mapper = mapper;
        this.metrics = metrics;
        this.lock = lock;
    }

    /**
     * Starts a run holding the run lock, or returns null when a run is in progress in this process or another one
     * (or the lock could not be reached); {@link #refusal()} then says why.
     */
    public SyncRun open(String trigger) {
        SyncRun run = new SyncRun(Objects.requireNonNullElse(trigger, "manual"), credentials(), settings.sync().runTimeout());
        if (!current.compareAndSet(null, run)) {
            SyncRun other = current.get();
            refusal = new Refusal(true, other == null ? "a run of this process has just finished"
                    : (other.id() == 0 ? "a run starting" : "run " + other.id()) + ", trigger " + other.trigger() + ", on "
                    + lock.process().describe());
            return null;
        }
        try {
            RunLock.Lease taken = lock.tryAcquire();
            if (taken == null) {
                String holder = lock.holder();
                refusal = new Refusal(true, holder == null ? "a run of another process has just finished" : holder);
                clear(run);
                return null;
            }
            lease = taken;
        } catch (SQLException e) {
            refusal = new Refusal(false, "the run lock could not be taken, database unreachable: " + Errors.message(e));
            clear(run);
            return null;
        }
        metrics.runStarted();
        return run;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The log line's reason of a skipped trigger. */
    public String skipReason() {
        Refusal r = refusal;
        return r == null ? "" : (r.busy() ? "a sync run is in progress (" + r.reason() + ")" : r.reason());
    }

    /**
     * Heartbeat: a run whose lock connection broke no longer holds the lock, so another process may start; it stops
     * taking pages and closes with what it has.
     */
    public void checkLock() {
        SyncRun run = current.get();
        RunLock.Lease held = lease;
        if (run != null && held != null && !held.alive()) {
            LOG.warn("Sync run {} lost its run lock (its database connection broke); stopping it", run.id());
            run.stop("database unreachable: the run lock's connection broke, so the lock is lost");
        }
    }

    public SyncRun current() {
        return current.get();
    }

    /** Graceful shutdown: the run in flight takes no new page or lane and closes with what it has. */
    public void stopRequested() {
        SyncRun run = current.get();
        if (run != null) {
            run.requestStop();
        }
    }

    /** Waits until no run is in flight (its log row closed), at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (current) {
            while (current.get() != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                current.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    public void started(SyncRun run, long runId) {
        run.started(runId);
    }

    /** Rows of sql/previous-workspace-sizes.sql: the run reads the largest workspaces first (LargestFirst). */
    public void previousSizes(SyncRun run, List<Map<String, Object>> rows) {
        run.order(LargestFirst.fromRows(rows));
    }

    /** The id of the run in flight, or null. */
    public Long currentRunId() {
        SyncRun run = current.get();
        return run == null || run.id() == 0 ? null : run.id();
    }

    public long staleRunSeconds() {
        return settings.sync().staleRunAfter().toSeconds();
    }

    /** doCatch of sync-run / close-run: the run itself broke (not one workspace). */
    public void broke(Exchange exchange) {
        exchange.getProperty(SyncProperties.RUN, SyncRun.class).broke(ApiRetryPolicy.cause(exchange));
    }

    public void viewRefreshFailed(Exchange exchange) {
        exchange.getProperty(SyncProperties.RUN, SyncRun.class).viewRefreshFailed(ApiRetryPolicy.cause(exchange));
    }

    /** Rows of sql/accounts-cached.sql into the bison_sync_accounts_cached gauges. */
    public void accountsCached(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            metrics.accountsCached((String) row.get("bison_instance"), ((Number) row.get("accounts")).longValue());
        }
    }

    /** The lanes of a run: the super-admin key, or each api-user key, of every instance. */
    List<Credential> credentials() {
        List<Credential> lanes = new ArrayList<>();
        for (InstanceSettings instance : settings.instances()) {
            if (instance.superAdmin()) {
                lanes.add(new Credential(instance, instance.superAdminKey(), 0));
            }
            for (int i = 0; i < instance.apiUserKeys().size(); i++) {
                lanes.add(new Credential(instance, instance.apiUserKeys().get(i), i + 1));
            }
        }
        return lanes;
    }

    /** Dead letter of a lane: its workspace list could not be read after retries. */
    public void listingFailed(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
        Credential credential = exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class);
        Throwable error = ApiRetryPolicy.cause(exchange);
        SyncRun.ListingFailure failure = new SyncRun.ListingFailure(credential.instance().name(), credential.keyLabel(),
                Errors.className(error), Errors.message(error));
        run.listingFailed(failure);
        metrics.listingFailed(credential.instance().name(), failure.workspaceName());
    }

    /** Dead letter of a workspace: marks it failed with the error that exhausted the retries. */
    public WorkspaceRun workspaceFailed(Exchange exchange) {
        WorkspaceRun ws = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        Throwable error = ApiRetryPolicy.cause(exchange);
        ws.failed(error);
        if (Errors.isDatabaseUnreachable(error)) {
            // every further workspace would fail the same way: stop the run, keep what is stored
            exchange.getProperty(SyncProperties.RUN, SyncRun.class).stop("database unreachable: " + Errors.message(error));
        }
        return ws;
    }

    /**
     * A planned workspace the run reaches after it stopped: recorded as not_read in the run; its result row is
     * written with the run's closing row ({@link #notReadRows}), so a lost database costs one failing statement,
     * not one per workspace.
     */
    public void notRead(SyncRun run, WorkspaceRun ws) {
        ws.notRead(run.stopReason());
        workspaceDone(run, ws);
    }

    /** Named parameters of sql/record-workspace.sql for every workspace the run never started. */
    public List<Map<String, Object>> notReadRows(SyncRun run) {
        return run.notRead().stream().map(WorkspaceRun::resultRow).collect(Collectors.toList());
    }

    /** Records a finished workspace in the run and the metrics; returns the named parameters of its result row. */
    public Map<String, Object> workspaceDone(SyncRun run, WorkspaceRun ws) {
        if (!run.workspaces().contains(ws)) {
            ws.finished();
            run.workspaceDone(ws);
            metrics.workspaceFinished(ws);
        }
        return ws.resultRow();
    }

    /**
     * doCatch of record-workspace: its result row could not be stored (the database is failing). The run still
     * counts the workspace, failed unless it was already; a lost database stops the run.
     */
    public void resultNotStored(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
        WorkspaceRun ws = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        Throwable error = ApiRetryPolicy.cause(exchange);
        if (ws.status() == null || ws.status().successful()) {
            ws.failed(error);
        }
        workspaceDone(run, ws);
        if (Errors.isDatabaseUnreachable(error)) {
            run.stop("database unreachable: " + Errors.message(error));
        }
    }

    /** Named parameters of sql/record-listing-failure.sql for each failed lane listing. */
    public List<Map<String, Object>> listingFailureRows(SyncRun run) {
        return run.listingFailures().stream().map(f -> {
            Map<String, Object> m = new HashMap<>();
            m.put("runId", run.id());
            m.put("instance", f.instance());
            m.put("workspaceName", f.workspaceName());
            m.put("errorClass", f.errorClass());
            m.put("errorMessage", f.errorMessage());
            return m;
        }).collect(Collectors.toList());
    }

    /** Named parameters of sql/close-run.sql. */
    public Map<String, Object> closeRow(SyncRun run) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.id());
        m.put("status", run.status());
        m.put("duration", run.durationSeconds());
        m.put("accounts", run.accountsFetched());
        m.put("workspaces", run.workspaces().size());
        m.put("failed", run.workspacesFailed());
        m.put("errorMessage", run.errorMessage());
        m.put("errorDetails", errorDetails(run));
        m.put("summary", mapper.writeValueAsString(run.summary()));
        m.put("viewRefreshed", run.viewRefreshed());
        return m;
    }

    private String errorDetails(SyncRun run) throws JsonProcessingException {
        List<Map<String, Object>> details = new ArrayList<>();
        for (WorkspaceRun ws : run.workspaces()) {
            if (ws.status() != WorkspaceStatus.COMPLETE) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("workspace", ws.label());
                d.put("status", ws.status().dbValue());
                d.put("error", ws.errorMessage());
                details.add(d);
            }
        }
        for (SyncRun.ListingFailure f : run.listingFailures()) {
            details.add(Map.of("workspace", f.label(), "status", "failed",
                    "error", f.errorClass() + ": " + f.errorMessage()));
        }
        return details.isEmpty() ? null : mapper.writeValueAsString(details);
    }

    /** close-run could not write the run's final row (database down): the next run writes it first. */
    public void closeFailed(SyncRun run) {
        unclosed.add(run);
    }

    /** Named parameters of sql/close-run.sql for runs whose closing failed earlier in this process. */
    public List<Map<String, Object>> unclosedRows() throws JsonProcessingException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SyncRun run : unclosed) {
            rows.add(closeRow(run));
        }
        return rows;
    }

    public void unclosedStored(List<Map<String, Object>> rows) {
        rows.forEach(row -> unclosed.removeIf(run -> run.id() == (Long) row.get("runId")));
    }

    /** Ends the run: metrics, and the run lock and the guard are released so the next trigger may start. */
    public void release(SyncRun run) {
        metrics.runFinished(run);
        if (current.get() == run) {
            RunLock.Lease held = lease;
            lease = null;
            if (held != null) {
                held.close();
            }
        }
        clear(run);
    }

    private void clear(SyncRun run) {
        synchronized (current) {
            current.compareAndSet(run, null);
            current.notifyAll();
        }
    }

    /** The readable end-of-run report: one line per instance and per workspace. */
    public String report(SyncRun run) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Sync run %d (%s) finished: %s, %d accounts from %d workspaces in %.1f s%n",
                run.id(), run.trigger(), run.status().toUpperCase(), run.accountsFetched(), run.workspaces().size(),
                run.durationSeconds()));
        Map<String, List<WorkspaceRun>> byInstance = run.workspaces().stream()
                .sorted(Comparator.comparing(WorkspaceRun::workspaceName))
                .collect(Collectors.groupingBy(WorkspaceRun::instanceName, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byInstance.entrySet()) {
            int accounts = entry.getValue().stream().mapToInt(WorkspaceRun::accountsRead).sum();
            out.append(String.format("  %s: %d accounts in %d workspaces%n", entry.getKey(), accounts, entry.getValue().size()));
            for (WorkspaceRun ws : entry.getValue()) {
                out.append(String.format("    %-28s %6d accounts %4d pages  %s%n", ws.workspaceName(), ws.accountsRead(),
                        ws.pagesFetched(), ws.status().dbValue() + (ws.errorMessage() == null ? "" : " (" + ws.errorMessage() + ")")));
            }
        }
        for (SyncRun.ListingFailure f : run.listingFailures()) {
            out.append(String.format("  %s: workspace list failed: %s%n", f.label(), f.errorMessage()));
        }
        return out.toString().stripTrailing();
    }
}
