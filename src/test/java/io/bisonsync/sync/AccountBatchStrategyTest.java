package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Batches of exactly the batch size although rows arrive a page (15) at a time. */
class AccountBatchStrategyTest {

    private static List<AccountRow> rows(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new AccountRow(i, ("{\"id\":" + i + "}").getBytes())).toList();
    }

    private static List<Integer> sizes(List<List<AccountRow>> chunks) {
        return chunks.stream().map(List::size).toList();
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
    void theStrategyCompletesABatchWhenItHoldsExactlyTheBatchSizeAndOnTheFlushSignal() {
        AccountBatchStrategy strategy = new AccountBatchStrategy(20);
        DefaultCamelContext camel = new DefaultCamelContext();
        List<Integer> completed = new ArrayList<>();
        Exchange batch = null;
        int before = 0;
        for (int page = 0; page < 3; page++) {
            for (List<AccountRow> chunk : AccountBatchStrategy.chunks(rows(before, 15), before, 20)) {
                Exchange incoming = new DefaultExchange(camel);
                incoming.getMessage().setBody(chunk);
                batch = strategy.aggregate(batch, incoming);
                if (batch.getProperty(ExchangePropertyKey.AGGREGATION_COMPLETE_CURRENT_GROUP, false, Boolean.class)) {
                    completed.add(batch.getMessage().getBody(List.class).size());
                    batch = null;
                }
            }
            before += 15;
        }
        Exchange flush = new DefaultExchange(camel);
        flush.getMessage().setBody("");
        flush.getMessage().setHeader(AccountBatchStrategy.FLUSH, true);
        batch = strategy.aggregate(batch, flush);

        assertThat(completed).containsExactly(20, 20);
        assertThat(batch.getProperty(ExchangePropertyKey.AGGREGATION_COMPLETE_CURRENT_GROUP, false, Boolean.class)).isTrue();
        assertThat(batch.getMessage().getBody(List.class)).hasSize(5);
        assertThat(batch.getMessage().getHeader(AccountBatchStrategy.FLUSH)).isNull();
        assertThat(strategy.hasRows(batch)).isTrue();
    }
}
