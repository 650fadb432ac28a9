package io.bisonsync.deletion;

import io.bisonsync.lane.InstanceLanes;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts that left the synced scope (step {@code remove-moved-out} of {@code read-instance}): an account whose
 * lookup answered 403 lives in a workspace of its instance that the read did not show it in. When every workspace
 * of the instance that the run planned was read completely and none served it, it moved somewhere bison-sync does
 * not read (an excluded workspace, a workspace of an api-user key that is not configured), and the dashboard must
 * not keep showing it under its old client. sql/remove-moved-out.sql removes it, counted {@code moved_out}, only
 * when a lookup of an earlier run already answered 403 for it (so it had left before this run began: a move during
 * this run, into a workspace whose read had already ended, looks the same), and only while it is still cached in
 * the workspace that looked it up (a read that served it elsewhere moved it in place).
 */
public final class MovedOut {

    private final SyncMetrics metrics;

    public MovedOut(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Named parameters of sql/remove-moved-out.sql, one row per workspace of the instance with accounts taken as
     * moved; none unless every planned workspace of the instance was read completely.
     */
    public List<Map<String, Object>> candidates(SyncRun run, InstanceLanes lanes) {
        String instance = lanes.instanceName();
        List<WorkspaceRun> workspaces = run.workspaces().stream().filter(w -> w.instanceName().equals(instance)).toList();
        boolean listed = run.listingFailures().stream().noneMatch(f -> f.instance().equals(instance));
        if (!listed || lanes.cutShort() || !workspaces.stream().allMatch(MovedOut::readCompletely)) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WorkspaceRun ws : workspaces) {
            List<Long> moved = ws.proof() == null ? List.of() : ws.proof().movedIds();
            if (!moved.isEmpty()) {
                Map<String, Object> m = new HashMap<>();
                m.put("runId", ws.runId());
                m.put("instance", instance);
                m.put("workspaceId", ws.workspaceId());
                m.put("movedIds", moved.toArray(Long[]::new));
                rows.add(m);
            }
        }
        return rows;
    }

    /** The read itself was complete (its deletion proof may still have held some accounts). */
    private static boolean readCompletely(WorkspaceRun ws) {
        return (ws.status() == WorkspaceStatus.COMPLETE || ws.status() == WorkspaceStatus.HELD) && !ws.keySwitched();
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
