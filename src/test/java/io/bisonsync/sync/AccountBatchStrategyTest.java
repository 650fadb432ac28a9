package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Batches of exactly the batch size although rows arrive a page (15) at a time: the cut marks the chunk that fills a
 * batch, which is what the aggregator's completion predicate ({@code ${body.endsBatch()}}) reads.
 */
class AccountBatchStrategyTest {

    private static List<AccountRow> rows(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new AccountRow(i, ("{\"id\":" + i + "}").getBytes())).toList();
    }

    private static List<Integer> sizes(List<RowChunk> chunks) {
        return chunks.stream().map(c -> c.rows().size()).toList();
    }

    private static List<Boolean> ends(List<RowChunk> chunks) {
        return chunks.stream().map(RowChunk::endsBatch).toList();
    }

    @Test
    void aPageIsCutWhereABatchBoundaryFallsInsideIt() {
        assertThat(sizes(AccountBatchStrategy.chunks(rows(0, 15), 0, 500))).containsExactly(15);
        assertThat(sizes(AccountBatchStrategy.chunks(rows(0, 15), 495, 500))).containsExactly(5, 10);
        assertThat(sizes(AccountBatchStrategy.chunks(rows(0, 15), 485, 500))).containsExactly(15);
        assertThat(sizes(AccountBatchStrategy.chunks(rows(0, 15), 500, 500))).containsExactly(15);
        assertThat(sizes(AccountBatchStrategy.chunks(rows(0, 25), 3, 10))).containsExactly(7, 10, 8);
        assertThat(AccountBatchStrategy.chunks(rows(0, 0), 10, 500)).isEmpty();
    }

    @Test
    void exactlyTheChunksThatReachABatchBoundaryEndTheirBatch() {
        assertThat(ends(AccountBatchStrategy.chunks(rows(0, 15), 0, 500))).containsExactly(false);
        assertThat(ends(AccountBatchStrategy.chunks(rows(0, 15), 495, 500))).containsExactly(true, false);
        assertThat(ends(AccountBatchStrategy.chunks(rows(0, 15), 485, 500))).containsExactly(true);
        assertThat(ends(AccountBatchStrategy.chunks(rows(0, 25), 3, 10))).containsExactly(true, true, false);
        assertThat(ends(AccountBatchStrategy.chunks(rows(0, 20), 0, 10))).containsExactly(true, true);
        assertThat(RowChunk.FLUSH.endsBatch()).isTrue();
        assertThat(RowChunk.FLUSH.rows()).isEmpty();
    }

    @Test
    void batchesCompletedWhereTheChunksSayHoldExactlyTheBatchSizeAndTheFlushCompletesTheRest() {
        AccountBatchStrategy strategy = new AccountBatchStrategy(20);
        DefaultCamelContext camel = new DefaultCamelContext();
        List<Integer> completed = new ArrayList<>();
        Exchange batch = null;
        int before = 0;
        for (int page = 0; page < 3; page++) {
            for (RowChunk chunk : AccountBatchStrategy.chunks(rows(before, 15), before, 20)) {
                batch = strategy.aggregate(batch, message(camel, chunk));
                if (chunk.endsBatch()) { // the aggregator's completion predicate
                    completed.add(batch.getMessage().getBody(List.class).size());
                    batch = null;
                }
            }
            before += 15;
        }
        batch = strategy.aggregate(batch, message(camel, RowChunk.FLUSH));

        assertThat(completed).containsExactly(20, 20);
        assertThat(batch.getMessage().getBody(List.class)).hasSize(5);
        assertThat(strategy.hasRows(batch)).isTrue();
        assertThat(strategy.hasRows(strategy.aggregate(null, message(camel, RowChunk.FLUSH)))).isFalse();
    }

    private static Exchange message(DefaultCamelContext camel, RowChunk chunk) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(chunk);
        return exchange;
    }
}
