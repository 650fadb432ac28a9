package io.bisonsync.deletion;

import io.bisonsync.lane.InstanceLanes;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts that left the synced scope (route {@code prove-moved-out} of {@code sync-run}): an account whose lookup
 * answered 403 lives in a workspace of its instance that the read did not show it in. When every workspace of the
 * instance that the run planned was read completely, such an account (sql/moved-out-candidates.sql: seen moved, served
 * by no read since) is looked up in each of them ({@link MovedOutProof}) within the same run: found somewhere, it is
 * stored there (a move in place: it had moved into a workspace after that workspace's read); absent from all of them,
 * it moved somewhere bison-sync does not read (an excluded workspace, a workspace of an api-user key that is not
 * configured) and the dashboard must not keep showing it under its old client: it is removed, counted
 * {@code moved_out}. At most bison.sync.max-verifications accounts per instance and run; the rest wait.
 */
public final class MovedOut {

    private final SyncMetrics metrics;
    private final int maxCandidates;

    public MovedOut(SyncMetrics metrics, int maxCandidates) {
        this.metrics = metrics;
        this.maxCandidates = maxCandidates;
    }

    /**
     * Named parameters of sql/moved-out-candidates.sql, or null unless every planned workspace of the instance was
     * read completely (and the run goes on: a stopping run sends no new request).
     */
    public Map<String, Object> candidateQuery(SyncRun run, InstanceLanes lanes) {
        List<WorkspaceRun> workspaces = plannedWorkspaces(run, lanes);
        if (workspaces == null || workspaces.isEmpty() || run.stopRequested()) {
            return null;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("instance", lanes.instanceName());
        m.put("workspaceIds", workspaces.stream().map(WorkspaceRun::workspaceId).toArray(Long[]::new));
        m.put("limit", maxCandidates);
        return m;
    }

    /** Takes the rows of sql/moved-out-candidates.sql; null when there is nothing to prove. */
    public MovedOutProof plan(SyncRun run, InstanceLanes lanes, List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            return null;
        }
        List<MovedOutProof.Candidate> candidates = rows.stream().map(r -> new MovedOutProof.Candidate(
                ((Number) r.get("bison_id")).longValue(), ((Number) r.get("workspace_id")).longValue())).toList();
        return new MovedOutProof(lanes.instanceName(), run.id(), candidates, plannedWorkspaces(run, lanes));
    }

    /** The instance's planned workspaces, or null unless each was read completely. */
    private static List<WorkspaceRun> plannedWorkspaces(SyncRun run, InstanceLanes lanes) {
        String instance = lanes.instanceName();
        List<WorkspaceRun> workspaces = run.workspaces().stream().filter(w -> w.instanceName().equals(instance)).toList();
        boolean listed = run.listingFailures().stream().noneMatch(f -> f.instance().equals(instance));
        if (!listed || lanes.cutShort() || !workspaces.stream().allMatch(MovedOut::readCompletely)) {
            return null;
        }
        return workspaces;
    }

    /** The read itself was complete (its deletion proof may still have held some accounts). */
    private static boolean readCompletely(WorkspaceRun ws) {
        return (ws.status() == WorkspaceStatus.COMPLETE || ws.status() == WorkspaceStatus.HELD) && !ws.keySwitched();
    }

    /** One answer of {@code prove-absence} (a step with an id, so the answer is taken in one named place). */
    public void answered(MovedOutProof.Stop stop, Object answer) {
        stop.answered(answer);
    }

    /** Dead letter of {@code prove-absence}. */
    public void failed(MovedOutProof.Stop stop) {
        stop.failed();
    }

    /** The answer of sql/remove-moved-out.sql for one workspace (SelectOne of one column: the count itself). */
    public void removed(Map<String, Object> row, Object answer) {
        Object n = answer instanceof Map<?, ?> m ? m.get("moved_out") : answer;
        int count = n instanceof Number number ? number.intValue() : 0;
        if (count > 0) {
            metrics.movedOut((String) row.get("instance"), count);
        }
    }
}
