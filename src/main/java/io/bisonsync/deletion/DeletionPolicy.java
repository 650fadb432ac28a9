package io.bisonsync.deletion;

import java.util.List;

/**
 * Decides what happens to the cached accounts a complete read did not see (the candidates). Nothing is deleted
 * on absence alone: a candidate is looked up and only a 404 proves it gone. The mass-drop gate holds a sudden
 * drop (more than bison.sync.mass-drop-threshold of the workspace's cached accounts) without any lookup: rows
 * marked pending_deletion, workspace {@code held}, until the next complete read confirms it (same candidates, all
 * already held) or an operator does. bison.sync.max-verifications bounds the lookups one workspace costs per run:
 * past it the first ones are looked up and the rest stay held for the next runs, so a large drop is proven over
 * several runs and never deleted on absence.
 */
public final class DeletionPolicy {

    public enum Action {
        /** Every cached account was seen. */
        NOTHING,
        /** Look each candidate up; delete the ones proven gone. */
        VERIFY,
        /** Mark the candidates pending_deletion; look nothing up, delete nothing. */
        HOLD,
        /** Look the first max-verifications candidates up (delete the ones proven gone); hold the rest for the next runs. */
        VERIFY_SOME
    }

    /** A cached account of the workspace that the read did not see; {@code held} when already pending_deletion. */
    public record Candidate(long bisonId, boolean held) {
    }

    /**
     * The decision, how many candidates (the first ones) to look up, how many 403 answers are taken as moves before
     * they are held as a possible key switch instead ({@code maxMoves}), and for {@link Action#HOLD} and
     * {@link Action#VERIFY_SOME} the reason shown to operators.
     */
    public record Plan(Action action, int lookups, int maxMoves, String reason) {
    }

    private final double massDropThreshold;
    private final boolean confirmDropOnNextRead;
    private final int maxVerifications;

    public DeletionPolicy(double massDropThreshold, boolean confirmDropOnNextRead, int maxVerifications) {
        this.massDropThreshold = massDropThreshold;
        this.confirmDropOnNextRead = confirmDropOnNextRead;
        this.maxVerifications = maxVerifications;
    }

    /**
     * @param candidates   cached accounts of the workspace the read did not see
     * @param cachedBefore cached accounts of the workspace before this run (rows first stored by this run excluded)
     * @param switchable   read with a super-admin key, which another client may switch: many 403 answers at once
     *                     (more than the mass-drop threshold) are then held as a possible switch, not taken as moves
     */
    public Plan decide(List<Candidate> candidates, int cachedBefore, boolean switchable) {
        int maxMoves = switchable ? (int) Math.floor(cachedBefore * massDropThreshold) : Integer.MAX_VALUE;
        if (candidates.isEmpty()) {
            return new Plan(Action.NOTHING, 0, maxMoves, null);
        }
        boolean confirmed = confirmDropOnNextRead && candidates.stream().allMatch(Candidate::held);
        if (!confirmed && candidates.size() > cachedBefore * massDropThreshold) {
            return new Plan(Action.HOLD, 0, maxMoves, "over bison.sync.mass-drop-threshold=" + massDropThreshold + " of " + cachedBefore + " cached");
        }
        if (candidates.size() > maxVerifications) {
            return new Plan(Action.VERIFY_SOME, maxVerifications, maxMoves, "more than bison.sync.max-verifications=" + maxVerifications
                    + " to look up in one run; the rest are looked up by the next runs");
        }
        return new Plan(Action.VERIFY, candidates.size(), maxMoves, null);
    }
}
