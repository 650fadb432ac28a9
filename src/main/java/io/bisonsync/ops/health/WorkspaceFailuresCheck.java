package io.bisonsync.ops.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Seed alert "a workspace fails consistently for more than 3 syncs": DOWN while a workspace's
 * email_sync_workspace_state.consecutive_failures exceeds bison.health.max-consecutive-workspace-failures; the
 * message names the workspaces and their last error.
 */
public final class WorkspaceFailuresCheck extends SyncCheck {

    public static final String ID = "workspace-failures";
    private static final String FAILING = sql("sql/health/failing-workspaces.sql");
    private static final int NAMED = 10;

    /** A workspace whose latest reads failed. */
    record Failing(String instance, String workspace, int consecutiveFailures, String lastError) {
        String label() {
            return "[" + instance + "] " + workspace;
        }
    }

    private final int maxFailures;

    public WorkspaceFailuresCheck(DataSource dataSource, HealthMetrics metrics, int maxFailures) {
        super(ID, dataSource, metrics);
        this.maxFailures = maxFailures;
    }

    @Override
    protected Verdict evaluate() throws Exception {
        List<Failing> failing = new ArrayList<>();
        Map<List<Object>, Integer> gauges = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(FAILING, Map.of())) {
            Failing f = new Failing((String) row.get("bison_instance"), (String) row.get("workspace_name"),
                    ((Number) row.get("consecutive_failures")).intValue(), (String) row.get("last_error"));
            failing.add(f);
            Object id = row.get("workspace_id");
            gauges.put(java.util.Arrays.asList(f.instance(), id == null ? null : ((Number) id).longValue(), f.workspace()),
                    f.consecutiveFailures());
        }
        metrics.workspaceFailures(gauges);
        return judge(failing, maxFailures);
    }

    /** {@code failing} is ordered by consecutive failures, most first. */
    static Verdict judge(List<Failing> failing, int maxFailures) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("max_consecutive_workspace_failures", maxFailures);
        List<Failing> over = failing.stream().filter(f -> f.consecutiveFailures() > maxFailures).toList();
        details.put("workspaces_over_limit", over.size());
        details.put("workspaces_failing", failing.size());
        if (over.isEmpty()) {
            String also = failing.isEmpty() ? "" : " (" + failing.size() + " failing fewer times)";
            return Verdict.up("no workspace failed in more than " + maxFailures + " consecutive runs" + also, details);
        }
        List<String> named = new ArrayList<>();
        for (Failing f : over.subList(0, Math.min(NAMED, over.size()))) {
            named.add(f.label() + " (" + f.consecutiveFailures() + " runs"
                    + (f.lastError() == null ? "" : ", last error: " + Messages.shorten(f.lastError(), 120)) + ")");
        }
        String more = over.size() > NAMED ? " and " + (over.size() - NAMED) + " more" : "";
        return Verdict.down(over.size() + " workspace(s) failed in more than " + maxFailures + " consecutive runs: "
                + String.join("; ", named) + more, details);
    }
}
