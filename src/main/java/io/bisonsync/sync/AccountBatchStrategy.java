package io.bisonsync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * Collects the account rows of one workspace into batches of exactly {@code bison.sync.batch-size} rows (the last
 * one smaller). A page's rows reach the aggregator as one list, cut where a batch boundary falls ({@link #chunks}),
 * so one exchange carries a page rather than a record, and the strategy completes a batch when it holds a full
 * batch of rows. A message with the header {@link #FLUSH} is the flush signal sent after the workspace's last page:
 * it completes the group, so the final partial batch is written deterministically rather than on a timeout.
 */
public final class AccountBatchStrategy implements AggregationStrategy {

    /** Header of the flush signal (see the flush-batches route). */
    public static final String FLUSH = "bisonFlushBatch";

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
    public List<List<AccountRow>> chunks(Exchange exchange) {
        List<AccountRow> rows = exchange.getMessage().getBody(List.class);
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        return chunks(rows, workspace.accountsRead() - rows.size(), batchSize);
    }

    /**
     * The split expression of rows that start a new batch (the accounts a deletion proof found again, sent after
     * the workspace's last batch was flushed): cut every {@code batchSize} rows.
     */
    @SuppressWarnings("unchecked")
    public List<List<AccountRow>> freshChunks(Exchange exchange) {
        return chunks(exchange.getMessage().getBody(List.class), 0, batchSize);
    }

    /** Cuts {@code rows}, which follow {@code rowsBefore} rows of the same workspace, at multiples of {@code batchSize}. */
    static List<List<AccountRow>> chunks(List<AccountRow> rows, int rowsBefore, int batchSize) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int room = batchSize - Math.floorMod(rowsBefore, batchSize);
        if (rows.size() <= room) {
            return List.of(rows);
        }
        List<List<AccountRow>> out = new ArrayList<>(2);
        int from = 0;
        int to = room;
        while (from < rows.size()) {
            out.add(rows.subList(from, to));
            from = to;
            to = Math.min(rows.size(), from + batchSize);
        }
        return out;
    }

    /** Correlation of the aggregator: one group per workspace read. */
    public String correlationKey(Exchange exchange) {
        return exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class).key();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange incoming) {
        Object body = incoming.getMessage().getBody();
        List<AccountRow> rows;
        if (batch == null) {
            rows = new ArrayList<>(batchSize);
            incoming.getMessage().setBody(rows);
            batch = incoming;
        } else {
            rows = batch.getMessage().getBody(List.class);
        }
        if (body instanceof List<?> chunk) {
            rows.addAll((List<AccountRow>) chunk);
        }
        if (rows.size() >= batchSize || incoming.getMessage().getHeader(FLUSH, false, Boolean.class)) {
            // the aggregator honours the complete-current-group flag on the group itself, so the strategy sets it
            batch.getMessage().removeHeader(FLUSH);
            batch.setProperty(ExchangePropertyKey.AGGREGATION_COMPLETE_CURRENT_GROUP, true);
        }
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
