package io.bisonsync.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.api.SenderEmailPage;
import io.bisonsync.write.AccountRow;
import io.bisonsync.write.AccountRows;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The page cursor only keeps the books; the facts it hands the verdict are what the pages said. */
class PageCursorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AccountRows rows = new AccountRows();

    private static JsonNode account(long id) {
        return JSON.createObjectNode().put("id", id).put("email", "a" + id + "@example.com");
    }

    private static SenderEmailPage page(int current, int last, int total, long... ids) {
        List<JsonNode> records = java.util.Arrays.stream(ids).mapToObj(PageCursorTest::account).toList();
        return new SenderEmailPage(records, current, last, total, current < last);
    }

    @Test
    void pagesAdvanceUntilTheEndRuleAndEveryNewIdBecomesOneRow() {
        PageCursor cursor = new PageCursor();
        assertThat(cursor.nextPage()).isEqualTo(1);
        assertThat(cursor.accept(page(1, 2, 4, 1, 2), rows)).extracting(AccountRow::bisonId).containsExactly(1L, 2L);
        assertThat(cursor.hasNextPage()).isTrue();
        assertThat(cursor.nextPage()).isEqualTo(2);
        assertThat(cursor.accept(page(2, 2, 4, 3, 4), rows)).hasSize(2);

        assertThat(cursor.hasNextPage()).isFalse();
        assertThat(cursor.endReached()).isTrue();
        assertThat(cursor.readFacts(null, 50))
                .isEqualTo(new WorkspaceVerdict.ReadFacts(null, null, 2, 50, 4, false, 4, 0, 0));
    }

    @Test
    void aRepeatedIdIsCountedNotWrittenTwiceAndABadRecordIsRejected() {
        PageCursor cursor = new PageCursor();
        cursor.accept(page(1, 3, 5, 1, 2), rows);
        SenderEmailPage shifted = new SenderEmailPage(List.of(account(2), JSON.createObjectNode().put("id", "x")), 2, 3, 6, true);

        assertThat(cursor.accept(shifted, rows)).isEmpty();
        assertThat(cursor.duplicates()).isEqualTo(1);
        assertThat(cursor.rejected()).isEqualTo(1);
        assertThat(cursor.readFacts(null, 50).totalChanged()).isTrue();
    }

    @Test
    void aStoppedReadAsksForNoMorePagesAndSaysWhy() {
        PageCursor cursor = new PageCursor();
        cursor.accept(page(1, 9, 9, 1), rows);
        cursor.stop(ReadStop.TIMEOUT);

        assertThat(cursor.hasNextPage()).isFalse();
        assertThat(cursor.endReached()).isFalse();
        assertThat(cursor.readFacts("shutdown", 50).stop()).isEqualTo(ReadStop.TIMEOUT);
    }

    @Test
    void releasingTheIdsKeepsTheCount() {
        PageCursor cursor = new PageCursor();
        long[] ids = IntStream.rangeClosed(1, 15).asLongStream().toArray();
        cursor.accept(page(1, 1, 15, ids), rows);
        cursor.release();

        assertThat(cursor.accountsRead()).isEqualTo(15);
        assertThat(cursor.seenIds()).isEmpty();
    }
}
