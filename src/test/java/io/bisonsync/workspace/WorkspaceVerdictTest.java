package io.bisonsync.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.workspace.WorkspaceVerdict.DeletionFacts;
import io.bisonsync.workspace.WorkspaceVerdict.ReadFacts;
import io.bisonsync.workspace.WorkspaceVerdict.Verdict;
import org.junit.jupiter.api.Test;

class WorkspaceVerdictTest {

    private static ReadFacts read(ReadStop stop, Integer total, boolean totalChanged, int distinct, int rejected, int duplicates) {
        return new ReadFacts(stop, "interrupted by shutdown", 3, 50, total, totalChanged, distinct, rejected, duplicates);
    }

    @Test
    void aReadThatSawExactlyMetaTotalDistinctIdsIsComplete() {
        assertThat(WorkspaceVerdict.ofRead(read(null, 433, false, 433, 0, 0))).isEqualTo(new Verdict(WorkspaceStatus.COMPLETE, null));
    }

    @Test
    void eachEarlyStopHasItsOwnStatusWhateverTheCountsSay() {
        assertThat(WorkspaceVerdict.ofRead(read(ReadStop.MAX_PAGES, 433, false, 433, 0, 0)).status()).isEqualTo(WorkspaceStatus.TRUNCATED);
        assertThat(WorkspaceVerdict.ofRead(read(ReadStop.TIMEOUT, 433, false, 433, 0, 0)).status()).isEqualTo(WorkspaceStatus.TIMED_OUT);
        Verdict stopped = WorkspaceVerdict.ofRead(read(ReadStop.RUN_STOPPED, 433, false, 433, 0, 0));
        assertThat(stopped.status()).isEqualTo(WorkspaceStatus.INCOMPLETE);
        assertThat(stopped.reason()).contains("interrupted by shutdown");
    }

    @Test
    void aChangedTotalAMissingTotalRejectedRecordsOrACountMismatchIsIncomplete() {
        assertThat(WorkspaceVerdict.ofRead(read(null, 433, true, 433, 0, 0)).reason()).contains("meta.total changed");
        assertThat(WorkspaceVerdict.ofRead(read(null, null, false, 433, 0, 0)).reason()).contains("no page carried meta.total");
        assertThat(WorkspaceVerdict.ofRead(read(null, 433, false, 433, 1, 0)).reason()).contains("1 records rejected");
        assertThat(WorkspaceVerdict.ofRead(read(null, 433, false, 432, 0, 1)).reason()).contains("served twice");
        for (ReadFacts f : new ReadFacts[] {read(null, 433, true, 433, 0, 0), read(null, null, false, 0, 0, 0),
            read(null, 433, false, 433, 1, 0), read(null, 433, false, 432, 0, 0), read(null, 433, false, 434, 0, 0)}) {
            assertThat(WorkspaceVerdict.ofRead(f).status()).as(f.toString()).isEqualTo(WorkspaceStatus.INCOMPLETE);
            assertThat(WorkspaceVerdict.ofRead(f).readComplete()).isFalse();
        }
    }

    @Test
    void heldDeletionsWinOverUnprovenOnesAndUnprovenOnesMakeTheWorkspaceIncomplete() {
        assertThat(WorkspaceVerdict.ofDeletions(new DeletionFacts(3, "over threshold", 2, 0)).status()).isEqualTo(WorkspaceStatus.HELD);
        Verdict unproven = WorkspaceVerdict.ofDeletions(new DeletionFacts(0, null, 2, 5));
        assertThat(unproven.status()).isEqualTo(WorkspaceStatus.INCOMPLETE);
        assertThat(unproven.reason()).startsWith("2 accounts");
    }

    @Test
    void aShiftedReadWhoseSkippedAccountsWereFoundIsCompleteAndSaysSo() {
        Verdict shifted = WorkspaceVerdict.ofDeletions(new DeletionFacts(0, null, 0, 1));
        assertThat(shifted.status()).isEqualTo(WorkspaceStatus.COMPLETE);
        assertThat(shifted.reason()).contains("shifted");
        assertThat(WorkspaceVerdict.ofDeletions(new DeletionFacts(0, null, 0, 0))).isEqualTo(new Verdict(WorkspaceStatus.COMPLETE, null));
    }
}
