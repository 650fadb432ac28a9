package io.bisonsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * Collects account rows of one workspace into a batch (a {@code List} of row maps). A message with the header
 * {@link #FLUSH} is the flush signal sent after the workspace's last page: it completes the group, so the final
 * partial batch is written deterministically rather than on a completion timeout.
 */
public final class AccountBatchStrategy implements AggregationStrategy {

    /** Header of the flush signal (see the flush-batches route). */
    public static final String FLUSH = "bisonFlushBatch";

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange incoming) {
        Object row = incoming.getMessage().getBody();
        if (batch == null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (row instanceof Map) {
                rows.add((Map<String, Object>) row);
            }
            incoming.getMessage().setBody(rows);
            return flushed(incoming, incoming);
        }
        if (row instanceof Map) {
            batch.getMessage().getBody(List.class).add(row);
        }
        return flushed(batch, incoming);
    }

    /** The aggregator only honours the complete-current-group flag on the group itself, so the strategy sets it. */
    private static Exchange flushed(Exchange batch, Exchange incoming) {
        if (incoming.getMessage().getHeader(FLUSH, false, Boolean.class)) {
            batch.getMessage().removeHeader(FLUSH);
            batch.setProperty(ExchangePropertyKey.AGGREGATION_COMPLETE_CURRENT_GROUP, true);
        }
        return batch;
    }
}
