package io.bisonsync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects the account rows of one workspace into batches of exactly {@code bison.sync.batch-size} rows (the last
 * one smaller). A page's rows reach the aggregator as one {@link RowChunk}, cut where a batch boundary falls
 * ({@link #chunks}), so one exchange carries a page rather than a record. The strategy only concatenates: when a
 * batch is complete is the aggregator's {@code completionPredicate} in {@code routes/write-batches.camel.yaml}
 * ({@link RowChunk#endsBatch()}; the flush after a workspace's last page is {@link RowChunk#FLUSH}).
 */
public final class AccountBatchStrategy implements AggregationStrategy {

    private final int batchSize;

    public AccountBatchStrategy(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The split expression of a page: its new rows in one piece, or in two (rarely more) where a batch boundary of
     * the workspace's running row count falls inside the page.
     */
    @SuppressWarnings("unchecked")
    public List<RowChunk> chunks(Exchange exchange) {
        List<AccountRow> rows = exchange.getMessage().getBody(List.class);
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        return chunks(rows, workspace.accountsRead() - rows.size(), batchSize);
    }

    /**
     * The split expression of rows that start a new batch (the accounts a deletion proof found again, sent after
     * the workspace's last batch was flushed): cut every {@code batchSize} rows.
     */
    @SuppressWarnings("unchecked")
    public List<RowChunk> freshChunks(Exchange exchange) {
        return chunks(exchange.getMessage().getBody(List.class), 0, batchSize);
    }

    /**
     * Cuts {@code rows}, which follow {@code rowsBefore} rows of the same workspace, at multiples of
     * {@code batchSize}; a chunk that reaches such a multiple ends its batch.
     */
    static List<RowChunk> chunks(List<AccountRow> rows, int rowsBefore, int batchSize) {
        List<RowChunk> out = new ArrayList<>(2);
        int from = 0;
        while (from < rows.size()) {
            int room = batchSize - Math.floorMod(rowsBefore + from, batchSize);
            int to = Math.min(rows.size(), from + room);
            out.add(new RowChunk(rows.subList(from, to), to - from == room));
            from = to;
        }
        return out;
    }

    /** Correlation of the aggregator: one group per workspace read. */
    public String correlationKey(Exchange exchange) {
        return exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class).key();
    }

    /** Appends the incoming chunk's rows to the batch; the batch's body is the list of its rows. */
    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange incoming) {
        RowChunk chunk = incoming.getMessage().getBody(RowChunk.class);
        List<AccountRow> rows;
        if (batch == null) {
            rows = new ArrayList<>(batchSize);
            incoming.getMessage().setBody(rows);
            batch = incoming;
        } else {
            rows = batch.getMessage().getBody(List.class);
        }
        rows.addAll(chunk.rows());
        return batch;
    }

    /** Whether a completed batch has rows (the flush of a workspace whose rows were all written has none). */
    public boolean hasRows(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof List<?> rows && !rows.isEmpty();
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
