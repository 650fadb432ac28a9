package io.bisonsync.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.api.SenderEmailPage;
import io.bisonsync.write.AccountRow;
import io.bisonsync.write.AccountRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the read of one workspace stands: the next page, whether the contract's end was reached or something
 * stopped the read, what meta.total said, and the ids seen so far (records the API repeats are counted, not
 * written twice). Pure bookkeeping: {@link WorkspaceVerdict} turns its {@link #readFacts} into a status.
 */
final class PageCursor {

    private int nextPage = 1;
    private boolean endReached;
    private ReadStop stop;
    private Integer apiTotal;
    private boolean totalChanged;
    private int pagesFetched;
    private int rejected;
    private int duplicates;
    private Set<Long> seenIds = new HashSet<>();
    private int accountsRead;

    int nextPage() {
        return nextPage;
    }

    /** Whether another page is to be read: the end was not reached and nothing stopped the read. */
    boolean hasNextPage() {
        return !endReached && stop == null;
    }

    boolean endReached() {
        return endReached;
    }

    /** Nothing more is read, for this reason. */
    void stop(ReadStop reason) {
        stop = reason;
    }

    /** Takes a parsed page, advances the cursor and returns the rows of records not seen before. */
    List<AccountRow> accept(SenderEmailPage page, AccountRows rows) {
        pagesFetched++;
        if (page.total() != null) {
            totalChanged |= apiTotal != null && !apiTotal.equals(page.total());
            apiTotal = page.total();
        }
        List<AccountRow> out = new ArrayList<>(page.records().size());
        for (JsonNode record : page.records()) {
            AccountRow row = rows.toRow(record);
            if (row == null) {
                rejected++;
            } else if (!seenIds.add(row.bisonId())) {
                duplicates++;
            } else {
                out.add(row);
            }
        }
        endReached = page.isLast();
        nextPage++;
        return out;
    }

    /** What the read saw, for its verdict. */
    WorkspaceVerdict.ReadFacts readFacts(String runStopReason, int maxPages) {
        return new WorkspaceVerdict.ReadFacts(stop, runStopReason, pagesFetched, maxPages, apiTotal, totalChanged, seenIds.size(),
                rejected, duplicates);
    }

    Long[] seenIds() {
        return seenIds.toArray(Long[]::new);
    }

    /** The read is over: keeps the count, drops the ids (the run keeps every finished workspace for its report). */
    void release() {
        accountsRead = accountsRead();
        seenIds = Set.of();
    }

    int accountsRead() {
        return Math.max(accountsRead, seenIds.size());
    }

    int pagesFetched() {
        return pagesFetched;
    }

    Integer apiTotal() {
        return apiTotal;
    }

    int rejected() {
        return rejected;
    }

    int duplicates() {
        return duplicates;
    }
}
