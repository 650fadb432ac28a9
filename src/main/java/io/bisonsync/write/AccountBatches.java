package io.bisonsync.write;

import io.bisonsync.run.SyncProperties;
import io.bisonsync.workspace.WorkspaceRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The aggregator of a workspace's account rows (routes {@code batch-accounts} and {@code flush-batches} in
 * {@code routes/write-batches.camel.yaml}): a page's rows join the workspace's open batch, and each batch of exactly
 * {@code bison.sync.batch-size} rows they fill is handed back to be written at once by the page's own step; after the
 * last page the flush hands back the rest.
 *
 * <p>Synchronous on purpose. Camel's aggregate EIP handed a batch it completed on the lane's thread to the reactive
 * executor: on Camel 4.18 that nested the rest of the lane one level deeper per batch (a long super-admin lane died
 * of StackOverflowError), on 4.22 it parked the lane's continuation where its reader never ran it (the run hung).
 */
public final class AccountBatches {

    private final int batchSize;

    public AccountBatches(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** The split expression of {@code batch-accounts}: the batches that {@code rows} fill, to be written now. */
    public List<List<AccountRow>> fill(WorkspaceRun workspace, List<AccountRow> rows) {
        return fill(workspace.openBatch(), rows, batchSize);
    }

    /** The split expression of {@code flush-batches}: the workspace's open batch, if it has rows. */
    public List<List<AccountRow>> flush(WorkspaceRun workspace) {
        return flush(workspace.openBatch());
    }

    /** Appends {@code rows} to {@code open}; every time it reaches {@code batchSize} rows they leave it as one batch. */
    static List<List<AccountRow>> fill(List<AccountRow> open, List<AccountRow> rows, int batchSize) {
        List<List<AccountRow>> full = new ArrayList<>(1);
        for (AccountRow row : rows) {
            open.add(row);
            if (open.size() == batchSize) {
                full.add(new ArrayList<>(open));
                open.clear();
            }
        }
        return full;
    }

    /** Empties {@code open}: no batch, or one with its rows. */
    static List<List<AccountRow>> flush(List<AccountRow> open) {
        if (open.isEmpty()) {
            return List.of();
        }
        List<AccountRow> last = new ArrayList<>(open);
        open.clear();
        return List.of(last);
    }

    /**
     * The named parameters of {@code sql/stage-accounts.sql} for one batch: the workspace's constants and the rows
     * as one JSON array in UTF-8 (a single bound bytea parameter, no text encoding of the batch in Java).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> statementParameters(Exchange exchange) {
        List<AccountRow> rows = exchange.getMessage().getBody(List.class);
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        int length = 2;
        for (AccountRow row : rows) {
            length += row.json().length + 1;
        }
        byte[] json = new byte[length];
        json[0] = '[';
        int at = 1;
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            byte[] row = rows.get(i).json();
            System.arraycopy(row, 0, json, at, row.length);
            at += row.length;
        }
        json[at++] = ']';
        if (at < length) {
            json = java.util.Arrays.copyOf(json, at);
        }
        Map<String, Object> parameters = new HashMap<>(8);
        parameters.put("instance", workspace.instanceName());
        parameters.put("workspaceId", workspace.workspaceId());
        parameters.put("workspaceName", workspace.workspaceName());
        parameters.put("runId", workspace.runId());
        parameters.put("rows", json);
        return parameters;
    }
}
