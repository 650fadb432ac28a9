package io.bisonsync.ops.health;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Seed alert "sync status failed for more than 2 consecutive runs": DOWN when more than
 * bison.health.max-consecutive-failed-runs runs failed since the last run with status success or partial.
 * Abandoned runs (the process died mid-run) neither count nor end the streak.
 */
public final class FailedRunsCheck extends SyncCheck {

    public static final String ID = "failed-runs";
    private static final String FAILED_RUNS = sql("sql/health/failed-runs.sql");

    private final int maxFailedRuns;

    public FailedRunsCheck(DataSource dataSource, HealthMetrics metrics, int maxFailedRuns) {
        super(ID, dataSource, metrics);
        this.maxFailedRuns = maxFailedRuns;
    }

    @Override
    protected Verdict evaluate() throws Exception {
        Map<String, Object> row = rows(FAILED_RUNS, Map.of()).get(0);
        long failed = ((Number) row.get("failed_runs")).longValue();
        metrics.consecutiveFailedRuns(failed);
        Number lastRun = (Number) row.get("last_run_id");
        return judge(failed, lastRun == null ? null : lastRun.longValue(), (String) row.get("last_error"), maxFailedRuns);
    }

    static Verdict judge(long failedRuns, Long lastRunId, String lastError, int maxFailedRuns) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consecutive_failed_runs", failedRuns);
        details.put("max_consecutive_failed_runs", maxFailedRuns);
        if (failedRuns > maxFailedRuns) {
            return Verdict.down(failedRuns + " consecutive failed runs (limit " + maxFailedRuns + "); latest, run " + lastRunId
                    + ": " + Messages.shorten(lastError == null ? "no error recorded" : lastError, 200), details);
        }
        if (failedRuns == 0) {
            return Verdict.up("no failed run since the last successful one", details);
        }
        return Verdict.up(failedRuns + " consecutive failed run(s), DOWN after more than " + maxFailedRuns, details);
    }
}
