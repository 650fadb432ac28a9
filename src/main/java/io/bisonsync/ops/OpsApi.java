package io.bisonsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.run.RunGuard;
import io.bisonsync.run.SyncRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes the ops API's answers (the routes in routes/ops-api.camel.yaml and ops-monitoring.camel.yaml say what is read, this says how it is
 * shown) and validates its inputs, throwing {@link OpsRequestException} with the status to answer.
 */
public final class OpsApi {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private final RunGuard runs;
    private final JsonValues json;
    private final ObjectMapper mapper;

    public OpsApi(RunGuard runs, ObjectMapper mapper) {
        this.runs = runs;
        this.json = new JsonValues(mapper);
        this.mapper = mapper;
    }

    /** The JSON text of an answer of an unbound route (the POSTs, and every error). */
    public String json(Object answer) throws com.fasterxml.jackson.core.JsonProcessingException {
        return mapper.writeValueAsString(answer);
    }

    /** {"error": "..."} as JSON text: error answers skip the REST binding. */
    public String errorJson(Throwable error) throws com.fasterxml.jackson.core.JsonProcessingException {
        return json(error(error));
    }

    /**
     * The run lock for a manual run; 409 naming the run and its process while a run is in progress here or in another
     * process, 503 when the lock cannot be reached.
     */
    public SyncRun openManualRun() {
        SyncRun run = runs.open("manual");
        if (run == null) {
            RunGuard.Refusal refusal = runs.refusal();
            if (refusal != null && !refusal.busy()) {
                throw new OpsRequestException(503, "the sync run could not start: " + refusal.reason());
            }
            String which = refusal == null ? "" : " (" + refusal.reason() + ")";
            throw new OpsRequestException(409, "a sync run is in progress" + which + "; try again when it has finished");
        }
        return run;
    }

    /** The 202 body once start-run opened the run's log row; 503 when it could not (the guard is already released). */
    public Map<String, Object> started(SyncRun run) {
        if (run.id() <= 0) {
            throw new OpsRequestException(503, "the sync run could not start: " + run.errorMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.id());
        out.put("status", "running");
        return out;
    }

    public Map<String, Object> health(Map<String, Object> row) {
        return json.row(row);
    }

    /** {@code ?limit=}: default 20, 1 to 200. */
    public int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new OpsRequestException(400, "limit must be a whole number from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")");
    }

    /**
     * The body of POST /api/sync/held/confirm: {"instance": "Long Run", "workspaceId": 12}, parsed here, after the
     * token check (the route is not bound).
     */
    public Map<String, Object> heldWorkspace(String text) {
        Object body = null;
        if (text != null && text.length() <= OpsAccess.MAX_BODY) {
            try {
                body = mapper.readValue(text, Map.class);
            } catch (java.io.IOException e) {
                body = null; // answered below
            }
        }
        if (body instanceof Map<?, ?> m && m.get("instance") instanceof String instance && !instance.isBlank()
                && wholeNumber(m.get("workspaceId")) instanceof Long id) {
            return Map.of("instance", instance, "workspaceId", id);
        }
        throw new OpsRequestException(400, "send {\"instance\": \"<instance name>\", \"workspaceId\": <id>} (the id a whole number)");
    }

    /** A JSON number that is a whole number a long holds (141.999 and 2^64+1 are not: never rounded or wrapped). */
    private static Object wholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : null;
    }

    public Map<String, Object> heldConfirmed(Map<String, Object> workspace, int deleted) {
        if (deleted == 0) {
            throw new OpsRequestException(404, "no held deletions for workspace " + workspace.get("workspaceId") + " of "
                    + workspace.get("instance"));
        }
        return Map.of("instance", workspace.get("instance"), "workspaceId", workspace.get("workspaceId"), "deleted", deleted);
    }

    public long runId(String raw) {
        try {
            long id = Long.parseLong(raw == null ? "" : raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new OpsRequestException(400, "a run id is a positive whole number");
    }

    public Map<String, Object> runs(List<Map<String, Object>> rows, int limit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", limit);
        out.put("runs", rows.stream().map(this::runWithDigest).toList());
        return out;
    }

    public Map<String, Object> run(List<Map<String, Object>> rows, long id) {
        if (rows.isEmpty()) {
            throw new OpsRequestException(404, "no sync run " + id);
        }
        return runWithDigest(rows.get(0));
    }

    /** A run of email_sync_run_history with its {@link RunDigest} figures added. */
    private Map<String, Object> runWithDigest(Map<String, Object> row) {
        Map<String, Object> run = json.row(row);
        run.putAll(RunDigest.of((JsonNode) run.get("workspaces")));
        return run;
    }

    /**
     * GET /api/sync/overview: the row of sql/ops/overview.sql with the last run's {@link RunDigest} and the
     * {@link HealthBadge} judged from it and from {@code checks} (the answer of OpsMonitor#checks).
     */
    public Map<String, Object> overview(Map<String, Object> row, Map<String, Object> checks) {
        Map<String, Object> out = json.row(row);
        JsonNode workspaces = (JsonNode) out.remove("lastRunWorkspaces");
        Map<String, Object> digest = RunDigest.of(workspaces);
        out.put("lastRun", digest);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) checks.get("checks");
        List<String> down = list.stream().filter(c -> "DOWN".equals(c.get("state"))).map(c -> (String) c.get("name")).toList();
        long maxAge = ((Number) out.get("maxSyncAgeSeconds")).longValue();
        HealthBadge badge = HealthBadge.of((String) out.get("lastRunStatus"), (Integer) digest.get("workspacesComplete"),
                (Integer) digest.get("workspacesRead"), down, ((Number) out.get("workspacesFailing")).longValue(),
                ((Number) out.get("workspacesStale")).longValue(), OpsMonitor.duration(maxAge));
        out.put("badge", badge.state());
        out.put("badgeText", badge.text());
        out.put("maxSyncAge", OpsMonitor.duration(maxAge));
        return out;
    }

    /** Rows by instance and workspace into {totalAccounts, instances: [{instance, accounts, workspaces: [...]}]}. */
    public Map<String, Object> accountsSummary(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> instances = new LinkedHashMap<>();
        long total = 0;
        for (Map<String, Object> row : rows) {
            Map<String, Object> ws = json.row(row);
            String instance = (String) ws.remove("bisonInstance");
            long accounts = ((Number) ws.get("accounts")).longValue();
            total += accounts;
            Map<String, Object> entry = instances.computeIfAbsent(instance, i -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instance", i);
                m.put("accounts", 0L);
                m.put("workspaces", new ArrayList<Map<String, Object>>());
                return m;
            });
            entry.merge("accounts", accounts, (a, b) -> (Long) a + (Long) b);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) entry.get("workspaces");
            list.add(ws);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalAccounts", total);
        out.put("instances", new ArrayList<>(instances.values()));
        return out;
    }

    /** Rows of sql/ops/workspaces.sql: {"workspaces": [...]}, one entry per workspace. */
    public Map<String, Object> workspaces(List<Map<String, Object>> rows) {
        return Map.of("workspaces", rows.stream().map(json::row).toList());
    }

    /** The named parameters of sql/ops/workspace-history.sql from ?instance=&workspaceId=&limit=. */
    public Map<String, Object> workspaceQuery(String instance, String workspaceId, String limit) {
        if (instance == null || instance.isBlank()) {
            throw new OpsRequestException(400, "instance is required: ?instance=<instance name>&workspaceId=<id>");
        }
        long id;
        try {
            id = Long.parseLong(workspaceId == null ? "" : workspaceId.strip());
        } catch (NumberFormatException e) {
            throw new OpsRequestException(400, "workspaceId must be a whole number");
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("instance", instance.strip());
        q.put("workspaceId", id);
        q.put("limit", limit(limit));
        return q;
    }

    public Map<String, Object> workspaceHistory(List<Map<String, Object>> rows, Map<String, Object> query) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instance", query.get("instance"));
        out.put("workspaceId", query.get("workspaceId"));
        out.put("results", rows.stream().map(json::row).toList());
        return out;
    }

    /** GET /api/sync/export/runs.csv: one line per run, newest first. */
    public String runsCsv(List<Map<String, Object>> rows) {
        return Csv.of(rows, List.of("run_id", "status", "trigger", "started_at", "completed_at", "duration_seconds",
                "total_accounts_fetched", "total_workspaces_processed", "workspaces_failed", "error_message"));
    }

    /** GET /api/sync/export/workspaces.csv: one line per workspace, its latest state. */
    public String workspacesCsv(List<Map<String, Object>> rows) {
        return Csv.of(rows, List.of("bison_instance", "workspace_id", "workspace", "cached_accounts", "api_total", "pages_fetched",
                "accounts_read", "last_status", "last_error", "last_success_at", "last_attempt_at", "consecutive_failures",
                "held_accounts", "last_run_id"));
    }

    /** The status of a refused request; 500 for anything else. */
    public int status(Throwable error) {
        OpsRequestException refusal = refusal(error);
        return refusal == null ? 500 : refusal.getStatus();
    }

    /** {"error": "..."}: the refusal's message, or a generic one (the log has the details). */
    public Map<String, Object> error(Throwable error) {
        OpsRequestException refusal = refusal(error);
        return Map.of("error", refusal == null ? "internal error, see the bison-sync log" : refusal.getMessage());
    }

    /** A bean called as an expression wraps what it throws, so the refusal is looked for along the causes. */
    private static OpsRequestException refusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OpsRequestException r) {
                return r;
            }
        }
        return null;
    }
}
