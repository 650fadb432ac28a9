package io.bisonsync.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.lane.LargestFirst;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import io.bisonsync.write.WorkspaceRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The run log's side of a run: its id and the previous run's sizes when it opens, each finished workspace counted
 * in the run and the metrics, and the named parameters of the SQL that records results and closes the run
 * (email_sync_logs, email_sync_workspace_results). A closing row that could not be written (database down) is kept
 * and written first by the next run.
 */
public final class RunRecords {

    private final ObjectMapper mapper;
    private final SyncMetrics metrics;
    private final List<SyncRun> unclosed = new CopyOnWriteArrayList<>();
    private final WorkspaceRows rows = new WorkspaceRows();

    public RunRecords(ObjectMapper mapper, SyncMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public void started(SyncRun run, long runId) {
        run.started(runId);
    }

    /** Rows of sql/previous-workspace-sizes.sql: the run reads the largest workspaces first (LargestFirst). */
    public void previousSizes(SyncRun run, List<Map<String, Object>> rows) {
        run.order(LargestFirst.fromRows(rows));
    }

    /** Records a finished workspace in the run and the metrics; returns the named parameters of its result row. */
    public Map<String, Object> workspaceDone(SyncRun run, WorkspaceRun ws) {
        if (!run.workspaces().contains(ws)) {
            ws.finished();
            run.workspaceDone(ws);
            metrics.workspaceFinished(ws);
        }
        return rows.resultRow(ws);
    }

    /** Named parameters of sql/record-workspace.sql for every workspace the run never started. */
    public List<Map<String, Object>> notReadRows(SyncRun run) {
        return run.notRead().stream().map(rows::resultRow).collect(Collectors.toList());
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
        m.put("status", run.status().dbValue());
        m.put("duration", run.durationSeconds());
        m.put("accounts", run.accountsFetched());
        m.put("workspaces", run.workspaces().size());
        m.put("failed", run.workspacesFailed());
        m.put("errorMessage", run.errorMessage());
        m.put("errorDetails", errorDetails(run));
        m.put("summary", mapper.writeValueAsString(summary(run)));
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

    /** The run's JSON summary: by instance, by workspace, and the top 10 workspaces by accounts. */
    static Map<String, Object> summary(SyncRun run) {
        Map<String, Map<String, Object>> byInstance = new LinkedHashMap<>();
        List<Map<String, Object>> byWorkspace = new ArrayList<>();
        List<WorkspaceRun> sorted = new ArrayList<>(run.workspaces());
        sorted.sort(Comparator.comparing(WorkspaceRun::instanceName).thenComparing(WorkspaceRun::workspaceName));
        for (WorkspaceRun w : sorted) {
            Map<String, Object> inst = byInstance.computeIfAbsent(w.instanceName(), k -> new LinkedHashMap<>(Map.of(
                    "accounts", 0, "workspaces", 0, "workspaces_failed", 0, "pages", 0)));
            inst.merge("accounts", w.accountsRead(), (a, b) -> (Integer) a + (Integer) b);
            inst.merge("workspaces", 1, (a, b) -> (Integer) a + (Integer) b);
            inst.merge("pages", w.pagesFetched(), (a, b) -> (Integer) a + (Integer) b);
            if (w.status() != WorkspaceStatus.COMPLETE) {
                inst.merge("workspaces_failed", 1, (a, b) -> (Integer) a + (Integer) b);
            }
            Map<String, Object> ws = new LinkedHashMap<>();
            ws.put("instance", w.instanceName());
            ws.put("workspace_id", w.workspaceId());
            ws.put("workspace", w.workspaceName());
            ws.put("status", w.status().dbValue());
            ws.put("accounts", w.accountsRead());
            ws.put("api_total", w.apiTotal());
            ws.put("pages", w.pagesFetched());
            ws.put("inserted", w.inserted());
            ws.put("updated", w.updated());
            ws.put("deleted", w.deleted());
            ws.put("held", w.held());
            byWorkspace.add(ws);
        }
        for (SyncRun.ListingFailure f : run.listingFailures()) {
            byInstance.computeIfAbsent(f.instance(), k -> new LinkedHashMap<>(Map.of(
                    "accounts", 0, "workspaces", 0, "workspaces_failed", 0, "pages", 0)))
                    .merge("workspaces_failed", 1, (a, b) -> (Integer) a + (Integer) b);
        }
        List<Map<String, Object>> top = byWorkspace.stream()
                .sorted(Comparator.comparing((Map<String, Object> m) -> (Integer) m.get("accounts")).reversed())
                .limit(10)
                .map(m -> Map.<String, Object>of("instance", m.get("instance"), "workspace", m.get("workspace"), "accounts", m.get("accounts")))
                .toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("by_instance", byInstance);
        summary.put("by_workspace", byWorkspace);
        summary.put("top_workspaces", top);
        return summary;
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

    /** Rows of sql/accounts-cached.sql into the bison_sync_accounts_cached gauges. */
    public void accountsCached(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            metrics.accountsCached((String) row.get("bison_instance"), ((Number) row.get("accounts")).longValue());
        }
    }
}
