package io.bisonsync.ops.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Seed alert "total accounts dropped by more than 10% between syncs", judged where a drop can be seen whatever
 * else fails: per workspace, between its last two complete reads (independent of other workspaces' failures), and
 * per instance, over the workspaces read completely in both of the last two finished runs. DOWN while either
 * dropped by more than bison.health.max-account-drop; it clears with the next complete read that does not drop.
 * Also DOWN while the mass-drop gate holds deletions of a workspace (rows marked pending_deletion): a workspace
 * whose latest complete read was held is reported as held, not twice as a drop.
 */
public final class AccountDropCheck extends SyncCheck {

    public static final String ID = "account-drop";
    private static final String WORKSPACE_READS = sql("sql/health/last-two-complete-reads.sql");
    private static final String INSTANCE_RUNS = sql("sql/health/instance-accounts-last-two-runs.sql");
    private static final String HELD = sql("sql/health/held-deletions.sql");
    private static final int NAMED = 10;

    /** Accounts of a workspace or an instance in an earlier and a later complete read. */
    record Change(String label, long previousRun, long latestRun, long previous, long latest) {
        double drop() {
            return previous <= 0 ? 0 : Math.max(0, (previous - latest) / (double) previous);
        }

        String text() {
            return label + " " + previous + " -> " + latest + " (-" + Messages.percent(drop()) + ", runs " + previousRun + " and "
                    + latestRun + ")";
        }
    }

    private final double maxDrop;

    public AccountDropCheck(DataSource dataSource, HealthMetrics metrics, double maxDrop) {
        super(ID, dataSource, metrics);
        this.maxDrop = maxDrop;
    }

    @Override
    protected Verdict evaluate() throws Exception {
        Verdict verdict = judge(instanceChanges(), workspaceChanges(), maxDrop);
        List<String> held = rows(HELD, Map.of()).stream()
                .map(r -> "[" + r.get("instance") + "] " + r.get("workspace_name") + " (workspace " + r.get("workspace_id") + "): "
                        + r.get("accounts") + " accounts")
                .toList();
        if (held.isEmpty()) {
            return verdict;
        }
        // a mass drop held by the gate is a drop too, even though the run that saw it was only partial
        return Verdict.down("deletions held by the mass-drop gate (pending_deletion) in " + String.join(", ", held)
                + "; the next complete read confirms them, or POST /api/sync/held/confirm; " + verdict.message(), verdict.details());
    }

    private List<Change> instanceChanges() {
        List<Change> changes = new ArrayList<>();
        Map<String, Double> drops = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(INSTANCE_RUNS, Map.of())) {
            Change c = new Change("instance " + row.get("instance"), number(row, "previous_run"), number(row, "latest_run"),
                    number(row, "previous"), number(row, "latest"));
            changes.add(c);
            drops.put((String) row.get("instance"), c.drop());
        }
        metrics.accountDrops(drops);
        return changes;
    }

    /** Workspaces with two complete reads whose latest was not held (the gate's rows report a held drop). */
    private List<Change> workspaceChanges() {
        Map<List<Object>, Map<String, Object>> latest = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (Map<String, Object> row : rows(WORKSPACE_READS, Map.of())) {
            List<Object> key = List.of(row.get("bison_instance"), row.get("workspace_id"));
            if (number(row, "rank") == 1) {
                latest.put(key, row);
            } else if (latest.containsKey(key) && !"held".equals(latest.get(key).get("status"))) {
                Map<String, Object> last = latest.get(key);
                changes.add(new Change("[" + row.get("bison_instance") + "] " + row.get("workspace_name"), number(row, "run_id"),
                        number(last, "run_id"), number(row, "accounts_read"), number(last, "accounts_read")));
            }
        }
        return changes;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    static Verdict judge(List<Change> instances, List<Change> workspaces, double maxDrop) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("max_account_drop", maxDrop);
        details.put("workspaces_compared", workspaces.size());
        details.put("instances_compared", instances.size());
        instances.forEach(c -> details.put("accounts." + c.label().substring("instance ".length()), c.previous() + " -> " + c.latest()));
        if (instances.isEmpty() && workspaces.isEmpty()) {
            return Verdict.up("fewer than two complete reads of any workspace to compare", details);
        }
        List<Change> dropped = new ArrayList<>();
        workspaces.stream().filter(c -> c.drop() > maxDrop).forEach(dropped::add);
        int droppedWorkspaces = dropped.size();
        details.put("workspaces_dropped", droppedWorkspaces);
        List<String> named = new ArrayList<>();
        dropped.subList(0, Math.min(NAMED, dropped.size())).forEach(c -> named.add(c.text()));
        String more = droppedWorkspaces > NAMED ? " and " + (droppedWorkspaces - NAMED) + " more workspace(s)" : "";
        instances.stream().filter(c -> c.drop() > maxDrop).forEach(c -> named.add(c.text()));
        if (!named.isEmpty()) {
            return Verdict.down("accounts dropped by more than " + Messages.percent(maxDrop) + " between the last two complete reads: "
                    + String.join("; ", named) + more, details);
        }
        return Verdict.up("no workspace (" + workspaces.size() + " compared) and no instance (" + instances.size()
                + " compared) dropped by more than " + Messages.percent(maxDrop) + " between its last two complete reads", details);
    }
}
