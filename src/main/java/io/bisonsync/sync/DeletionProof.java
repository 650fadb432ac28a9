package io.bisonsync.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The deletion decision of one complete read and what the lookups proved, account by account: gone (deleted),
 * found (stored again: the list had shifted), elsewhere (moved to another workspace: kept) or unproven (kept).
 */
public final class DeletionProof {

    private final DeletionPolicy.Plan plan;
    private final List<Long> candidates;
    private final List<Long> gone = new ArrayList<>();
    private final List<AccountRow> recoveredRows = new ArrayList<>();
    private int moved;
    private int unverified;

    public DeletionProof(DeletionPolicy.Plan plan, List<Long> candidates) {
        this.plan = plan;
        this.candidates = List.copyOf(candidates);
    }

    public DeletionPolicy.Plan plan() {
        return plan;
    }

    /** The ids to look up: every candidate when the plan is to verify, else none. */
    public List<Long> toVerify() {
        return plan.action() == DeletionPolicy.Action.VERIFY ? candidates : List.of();
    }

    /** Records one lookup; {@code row} is the stored form of a found record (null when it could not be mapped). */
    public synchronized void record(long bisonId, RecordLookup.Outcome outcome, AccountRow row) {
        switch (outcome) {
            case GONE -> gone.add(bisonId);
            case ELSEWHERE -> moved++;
            case FOUND -> {
                if (row == null) {
                    unverified++;
                } else {
                    recoveredRows.add(row);
                }
            }
        }
    }

    /** A lookup that gave no answer either way (error after retries, a different record): the account is kept. */
    public synchronized void unproven() {
        unverified++;
    }

    /** Ids to delete: the ones proven gone, or every candidate of a confirmed drop too large to verify. */
    public synchronized Long[] deleteIds() {
        return (plan.action() == DeletionPolicy.Action.DELETE_CONFIRMED ? candidates : gone).toArray(Long[]::new);
    }

    /** Ids to mark pending_deletion. */
    public Long[] holdIds() {
        return (plan.action() == DeletionPolicy.Action.HOLD ? candidates : List.<Long>of()).toArray(Long[]::new);
    }

    public synchronized List<AccountRow> recoveredRows() {
        return List.copyOf(recoveredRows);
    }

    public synchronized int verifiedGone() {
        return gone.size();
    }

    public synchronized int recovered() {
        return recoveredRows.size();
    }

    public synchronized int moved() {
        return moved;
    }

    public synchronized int unverified() {
        return unverified;
    }

    /** Lookups sent. */
    public synchronized int verifications() {
        return gone.size() + recoveredRows.size() + moved + unverified;
    }
}
