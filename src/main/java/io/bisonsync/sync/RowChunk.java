package io.bisonsync.sync;

import java.util.List;

/**
 * One message to the batch aggregator: consecutive account rows of one workspace, and whether they end a batch. The
 * aggregator's completion predicate in {@code routes/write-batches.camel.yaml} is {@code ${body.endsBatch()}},
 * checked on the incoming chunk ({@code eagerCheckCompletion}): a chunk that fills its batch to
 * {@code bison.sync.batch-size} rows, or the {@link #FLUSH} signal after a workspace's last page, completes it.
 */
public record RowChunk(List<AccountRow> rows, boolean endsBatch) {

    /** The flush signal: no rows, and the workspace's current (partial) batch is complete. */
    public static final RowChunk FLUSH = new RowChunk(List.of(), true);

    /** The flush signal, for routes. */
    public static RowChunk flush() {
        return FLUSH;
    }
}
