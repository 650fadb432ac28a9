package io.bisonsync.write;

import io.bisonsync.deletion.DeletionProof;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * A workspace's read as the database and the console see it: the named parameters of sql/apply-workspace.sql and
 * sql/record-workspace.sql, and its progress line. Reads the workspace, changes nothing.
 */
public final class WorkspaceRows {

    /**
     * Named parameters of sql/apply-workspace.sql. Deletes and holds only for a complete read whose proof is done;
     * a failed, stopped or incomplete read merges what it read and deletes nothing.
     */
    public Map<String, Object> applyRow(WorkspaceRun ws) {
        DeletionProof proof = ws.proof();
        boolean deletes = proof != null && ws.status() == WorkspaceStatus.COMPLETE && !ws.keySwitched();
        Map<String, Object> m = new HashMap<>();
        m.put("runId", ws.runId());
        m.put("instance", ws.instanceName());
        m.put("workspaceId", ws.workspaceId());
        m.put("deleteIds", deletes ? proof.deleteIds() : new Long[0]);
        m.put("holdIds", deletes ? proof.holdIds() : new Long[0]);
        return m;
    }

    /** Named parameters of sql/record-workspace.sql. */
    public Map<String, Object> resultRow(WorkspaceRun ws) {
        Map<String, Object> m = new HashMap<>();
        m.put("runId", ws.runId());
        m.put("instance", ws.instanceName());
        m.put("workspaceId", ws.workspaceId());
        m.put("workspaceName", ws.workspaceName());
        m.put("status", ws.status().dbValue());
        m.put("readInFull", ws.status().readInFull());
        m.put("pages", ws.pagesFetched());
        m.put("accountsRead", ws.accountsRead());
        m.put("apiTotal", ws.apiTotal());
        m.put("unchanged", Math.max(0, ws.accountsRead() - ws.inserted() - ws.updated()));
        m.put("inserted", ws.inserted());
        m.put("updated", ws.updated());
        m.put("deleted", ws.deleted());
        m.put("held", ws.held());
        m.put("rejected", ws.rejected());
        m.put("recovered", ws.recovered());
        m.put("moved", ws.moved());
        m.put("unverified", ws.unverified());
        m.put("verifications", ws.verifications());
        m.put("keyChecks", ws.keyChecks());
        m.put("batches", ws.batches());
        m.put("retries", ws.retries());
        m.put("durationMs", ws.durationMs());
        m.put("errorClass", ws.errorClass());
        m.put("errorMessage", ws.errorMessage());
        m.put("lane", ws.credential().keyLabel()); // which key read it, for LargestFirst in the next run
        return m;
    }

    /** The per-workspace progress line, in the spirit of the seed's "Fetched 433 accounts across 29 pages". */
    public String progressLine(WorkspaceRun ws) {
        String line = ws.label() + ": " + ws.status().dbValue() + ", fetched " + ws.accountsRead() + " accounts across "
                + ws.pagesFetched() + " pages (meta.total " + ws.apiTotal() + "; +" + ws.inserted() + " ~" + ws.updated() + " -"
                + ws.deleted() + (ws.held() > 0 ? " held " + ws.held() : "") + (ws.rejected() > 0 ? ", " + ws.rejected() + " rejected" : "")
                + (ws.duplicates() > 0 ? ", " + ws.duplicates() + " duplicate ids" : "")
                + (ws.verifications() > 0 ? ", " + ws.verifications() + " lookups: " + ws.recovered() + " found, " + ws.moved()
                        + " moved, " + ws.unverified() + " unproven" : "")
                + (ws.keyChecks() > 0 ? ", " + ws.keyChecks() + " switch checks" : "")
                + ", " + ws.batches() + " batches, " + ws.retries() + " retries, " + ws.durationMs() + " ms)";
        return ws.errorMessage() == null ? line : line + ": " + ws.errorMessage();
    }
}
