package io.bisonsync.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Batches of exactly the batch size although rows arrive a page (15) at a time, in order, none lost or repeated. */
class AccountBatchesTest {

    private static List<AccountRow> rows(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new AccountRow(i, ("{\"id\":" + i + "}").getBytes())).toList();
    }

    /** The ids of rows (a row's equality is its JSON array's identity). */
    private static List<Long> ids(List<AccountRow> rows) {
        return rows.stream().map(AccountRow::bisonId).toList();
    }

    private static List<Integer> sizes(List<List<AccountRow>> batches) {
        return batches.stream().map(List::size).toList();
    }

    @Test
    void aPageThatFillsTheOpenBatchHandsItBackAndKeepsTheRestOpen() {
        List<AccountRow> open = new ArrayList<>(rows(0, 495));

        List<List<AccountRow>> full = AccountBatches.fill(open, rows(495, 15), 500);

        assertThat(sizes(full)).containsExactly(500);
        assertThat(ids(full.get(0))).isEqualTo(ids(rows(0, 500)));
        assertThat(ids(open)).isEqualTo(ids(rows(500, 10)));
    }

    @Test
    void aPageThatFillsNoBatchOnlyJoinsTheOpenOne() {
        List<AccountRow> open = new ArrayList<>();

        assertThat(AccountBatches.fill(open, rows(0, 15), 500)).isEmpty();
        assertThat(AccountBatches.fill(open, rows(15, 0), 500)).isEmpty();
        assertThat(ids(open)).isEqualTo(ids(rows(0, 15)));
    }

    @Test
    void theFlushHandsBackTheOpenBatchOnceAndNothingWhenItIsEmpty() {
        List<AccountRow> open = new ArrayList<>(rows(0, 7));

        List<List<AccountRow>> last = AccountBatches.flush(open);
        assertThat(last).hasSize(1);
        assertThat(ids(last.get(0))).isEqualTo(ids(rows(0, 7)));
        assertThat(AccountBatches.flush(open)).isEmpty();
        assertThat(open).isEmpty();
    }

    /** Any page sizes, any batch size: every batch but the flushed one is full, and the rows come out in order. */
    @RepeatedTest(20)
    void batchesHoldExactlyTheBatchSizeAndEveryRowOnceInOrder() {
        Random random = new Random();
        int batchSize = 1 + random.nextInt(40);
        List<AccountRow> open = new ArrayList<>();
        List<List<AccountRow>> written = new ArrayList<>();
        int read = 0;
        for (int page = random.nextInt(30); page > 0; page--) {
            int size = random.nextInt(16);
            written.addAll(AccountBatches.fill(open, rows(read, size), batchSize));
            read += size;
        }
        List<List<AccountRow>> last = AccountBatches.flush(open);

        assertThat(written).allSatisfy(batch -> assertThat(batch).hasSize(batchSize));
        assertThat(last).allSatisfy(batch -> assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(batchSize));
        written.addAll(last);
        assertThat(ids(written.stream().flatMap(List::stream).toList())).isEqualTo(ids(rows(0, read)));
    }
}
