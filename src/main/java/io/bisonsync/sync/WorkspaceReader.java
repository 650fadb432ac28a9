package io.bisonsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The steps of sync-workspace and write-batch that shape data: pages to rows, and results back onto the workspace. */
public final class WorkspaceReader {

    private final PageParser parser = new PageParser();
    private final AccountRows rows = new AccountRows();
    private final SyncMetrics metrics;

    public WorkspaceReader(SyncMetrics metrics) {
        this.metrics = metrics;
    }

    /** Parses one page and returns the rows of accounts not seen before in this workspace. */
    public List<AccountRow> rows(WorkspaceRun workspace, JsonNode body) {
        SenderEmailPage page = parser.parse(body, workspace.pageLabel());
        metrics.pageFetched(workspace.credential());
        return workspace.accept(page, rows);
    }

    /** After the last page and the final batch: decides the status, and fails the workspace if a batch failed. */
    public void finishRead(WorkspaceRun workspace) {
        workspace.finishRead();
        workspace.verifyBatches();
    }

    public void batchWritten(WorkspaceRun workspace, int batchRows) {
        workspace.batchWritten();
        metrics.batchWritten(batchRows);
    }

    public void batchFailed(WorkspaceRun workspace, Exception error) {
        workspace.batchFailed(Errors.className(error) + ": " + Errors.message(error));
    }

    public void deletesApplied(WorkspaceRun workspace, Map<String, Object> result) {
        workspace.deletesApplied(number(result, "deleted"), number(result, "held"));
    }

    public void writeCounts(WorkspaceRun workspace, Map<String, Object> counts) {
        workspace.writeCounts(number(counts, "inserted"), number(counts, "updated"));
    }

    private static int number(Map<String, Object> row, String column) {
        Object v = row == null ? null : row.get(column);
        return v instanceof Number n ? n.intValue() : 0;
    }
}
