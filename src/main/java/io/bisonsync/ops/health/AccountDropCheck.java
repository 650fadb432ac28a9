package io.bisonsync.ops.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Seed alert "total accounts dropped by more than 10% between syncs", per instance: compares
 * summary.by_instance.&lt;name&gt;.accounts of the last two runs with status success (only those read every
 * workspace completely, so their totals are comparable). DOWN while an instance dropped by more than
 * bison.health.max-account-drop; it clears with the next successful run that does not drop. Also DOWN while the
 * mass-drop gate holds deletions of a workspace (rows marked pending_deletion).
 */
public final class AccountDropCheck extends SyncCheck {

    public static final String ID = "account-drop";
    private static final String LAST_TWO = sql("sql/health/last-two-successful-runs.sql");
    private static final String HELD = sql("sql/health/held-deletions.sql");

    /** One instance's accounts in the previous and the latest successful run. */
    record Change(String instance, long previous, long latest) {
        double drop() {
            return previous <= 0 ? 0 : Math.max(0, (previous - latest) / (double) previous);
        }
    }

    private final double maxDrop;

    public AccountDropCheck(DataSource dataSource, HealthMetrics metrics, double maxDrop) {
        super(ID, dataSource, metrics);
        this.maxDrop = maxDrop;
    }

    @Override
    protected Verdict evaluate() throws Exception {
        Verdict verdict = compareRuns();
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

    private Verdict compareRuns() throws Exception {
        Map<Long, Long> runByRank = new TreeMap<>();
        Map<String, long[]> accounts = new TreeMap<>();
        for (Map<String, Object> row : rows(LAST_TWO, Map.of())) {
            long rank = ((Number) row.get("rank")).longValue();
            runByRank.put(rank, ((Number) row.get("run_id")).longValue());
            if (row.get("instance") != null) {
                accounts.computeIfAbsent((String) row.get("instance"), i -> new long[2])[(int) rank - 1]
                        = ((Number) row.get("accounts")).longValue();
            }
        }
        if (runByRank.size() < 2) {
            metrics.accountDrops(Map.of());
            return judge(null, null, List.of(), maxDrop);
        }
        List<Change> changes = new ArrayList<>();
        accounts.forEach((instance, counts) -> changes.add(new Change(instance, counts[1], counts[0])));
        Map<String, Double> drops = new LinkedHashMap<>();
        changes.forEach(c -> drops.put(c.instance(), c.drop()));
        metrics.accountDrops(drops);
        return judge(runByRank.get(2L), runByRank.get(1L), changes, maxDrop);
    }

    static Verdict judge(Long previousRun, Long latestRun, List<Change> changes, double maxDrop) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("max_account_drop", maxDrop);
        if (previousRun == null) {
            return Verdict.up("fewer than two successful runs to compare", details);
        }
        details.put("previous_run", previousRun);
        details.put("latest_run", latestRun);
        List<String> dropped = new ArrayList<>();
        for (Change c : changes) {
            details.put("accounts." + c.instance(), c.previous() + " -> " + c.latest());
            if (c.drop() > maxDrop) {
                dropped.add(c.instance() + " " + c.previous() + " -> " + c.latest() + " (-" + Messages.percent(c.drop()) + ")");
            }
        }
        String runs = "successful runs " + previousRun + " and " + latestRun;
        if (!dropped.isEmpty()) {
            return Verdict.down("accounts dropped by more than " + Messages.percent(maxDrop) + " between " + runs + ": "
                    + String.join(", ", dropped), details);
        }
        return Verdict.up("no instance dropped by more than " + Messages.percent(maxDrop) + " between " + runs, details);
    }
}
