package io.bisonsync.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.api.PageParser;
import io.bisonsync.api.RecordLookup;
import io.bisonsync.api.SenderEmailPage;
import io.bisonsync.deletion.DeletionProof;
import io.bisonsync.errors.Errors;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.write.AccountRow;
import io.bisonsync.write.AccountRows;
import java.util.List;
import java.util.Map;

/**
 * The named steps of sync-workspace and write-batch that change a workspace's state: its clock starts, a page
 * becomes rows, the read limits are checked, the read's verdict, batch outcomes, and the applied counts with the
 * final verdict ({@link WorkspaceVerdict} decides every status).
 */
public final class WorkspaceSteps {

    private final PageParser parser = new PageParser();
    private final AccountRows rows = new AccountRows();
    private final SyncMetrics metrics;

    public WorkspaceSteps(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    /** Parses one page and returns the rows of accounts not seen before in this workspace. */
    public List<AccountRow> rows(WorkspaceRun workspace, JsonNode body) {
        SenderEmailPage page = parser.parse(body, workspace.pageLabel());
        metrics.pageFetched(workspace.credential());
        workspace.run().reading(workspace);
        return workspace.accept(page, rows);
    }

    /** First step of a workspace's read: its own timeout starts now. */
    public void begin(WorkspaceRun workspace) {
        workspace.begin();
    }

    /** After each page: stops the read at max pages, at the workspace timeout or when the run stops. */
    public void checkLimits(WorkspaceRun workspace) {
        workspace.checkLimits();
    }

    /** Opens a switch check of a super-admin read when one is due at this point (see {@link KeyCheckpoint}). */
    public void keyCheckpoint(WorkspaceRun workspace, String at) {
        workspace.keyCheckpoint(KeyCheckpoint.valueOf(at));
    }

    /** A switch check's answer (the body after call-bison). */
    public void keyChecked(WorkspaceRun workspace, RecordLookup answer) {
        workspace.keyChecked(answer);
        if (workspace.keySwitched()) {
            metrics.keySwitched(workspace.instanceName());
        }
    }

    /** After the last page and the final batch: decides the read's status, and fails the workspace if a batch failed. */
    public void finishRead(WorkspaceRun workspace) {
        workspace.verifyBatches();
        workspace.finishRead();
    }

    /** Fails the workspace (to its dead letter) when one of its batches could not be written. */
    public void verifyBatches(WorkspaceRun workspace) {
        workspace.verifyBatches();
    }

    public void batchWritten(WorkspaceRun workspace, int batchRows) {
        workspace.batchWritten();
        metrics.batchWritten(batchRows);
    }

    public void batchFailed(WorkspaceRun workspace, Exception error) {
        workspace.batchFailed(Errors.className(error) + ": " + Errors.message(error));
    }

    /** The row of sql/apply-workspace.sql: the workspace's counts, and its final verdict after a deletion proof. */
    public void applied(WorkspaceRun workspace, Map<String, Object> counts) {
        workspace.applied(number(counts, "inserted"), number(counts, "updated"), number(counts, "deleted"), number(counts, "held"));
        DeletionProof proof = workspace.proof();
        if (proof != null) {
            metrics.deletionProof(workspace.instanceName(), proof.verifiedGone(), proof.recovered(), proof.moved(), proof.unverified());
        }
    }

    private static int number(Map<String, Object> row, String column) {
        Object v = row == null ? null : row.get(column);
        return v instanceof Number n ? n.intValue() : 0;
    }
}
