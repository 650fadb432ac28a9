package io.bisonsync.deletion;

import io.bisonsync.api.RecordLookup;
import io.bisonsync.write.AccountRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The deletion decision of one complete read and what the lookups proved, account by account: gone (deleted),
 * found (stored again: the list had shifted), elsewhere (moved to another workspace: kept) or unproven (kept).
 * The candidates not looked up in this run are held. Nothing else is ever deleted.
 */
public final class DeletionProof {

    private final DeletionPolicy.Plan plan;
    private final List<Long> candidates;
    private final List<Long> gone = new ArrayList<>();
    private final List<AccountRow> recoveredRows = new ArrayList<>();
    private final List<Long> elsewhere = new ArrayList<>();
    private int unverified;

    public DeletionProof(DeletionPolicy.Plan plan, List<Long> candidates) {
        this.plan = plan;
        this.candidates = List.copyOf(candidates);
    }

    public DeletionPolicy.Plan plan() {
        return plan;
    }

    /** The ids to look up: the plan's first {@code lookups} candidates. */
    public List<Long> toVerify() {
        return candidates.subList(0, Math.min(plan.lookups(), candidates.size()));
    }

    /** Records one lookup; {@code row} is the stored form of a found record (null when it could not be mapped). */
    public synchronized void record(long bisonId, RecordLookup.Outcome outcome, AccountRow row) {
        switch (outcome) {
            case GONE -> gone.add(bisonId);
            case ELSEWHERE -> elsewhere.add(bisonId);
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

    /** Ids to delete: only the ones a lookup proved gone. */
    public synchronized Long[] deleteIds() {
        return gone.toArray(Long[]::new);
    }

    /**
     * Ids to mark pending_deletion: the candidates not looked up in this run, and the ones that answered 403 when
     * too many did at once for a super-admin key (see {@link #possibleSwitch()}).
     */
    public synchronized Long[] holdIds() {
        List<Long> hold = new ArrayList<>(candidates.subList(toVerify().size(), candidates.size()));
        if (possibleSwitch()) {
            hold.addAll(elsewhere);
        }
        return hold.toArray(Long[]::new);
    }

    /** More 403 answers at once than a super-admin read takes as moves: a switch is likelier than a bulk move. */
    public synchronized boolean possibleSwitch() {
        return elsewhere.size() > plan.maxMoves();
    }

    /** Why candidates are held, for the operator. */
    public synchronized String heldReason() {
        return possibleSwitch()
                ? elsewhere.size() + " lookups answered 403 at once (more than bison.sync.mass-drop-threshold of the workspace): "
                        + "a possible switch of the super-admin key, held rather than taken as moves"
                : plan.reason();
    }

    /** Ids the lookups placed in another workspace (403), taken as moves. */
    public synchronized List<Long> movedIds() {
        return possibleSwitch() ? List.of() : List.copyOf(elsewhere);
    }

    /** Lookups that answered 403, moves or not. */
    public synchronized int elsewhere() {
        return elsewhere.size();
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
        return movedIds().size();
    }

    public synchronized int unverified() {
        return unverified;
    }

    /** Lookups sent. */
    public synchronized int verifications() {
        return gone.size() + recoveredRows.size() + elsewhere.size() + unverified;
    }
}
