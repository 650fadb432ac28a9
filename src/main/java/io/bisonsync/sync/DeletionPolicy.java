package io.bisonsync.sync;

import java.util.List;

/**
 * Decides what happens to the cached accounts a complete read did not see (the candidates). Nothing is deleted
 * on absence alone: each candidate is looked up ({@link Action#VERIFY}) and only a 404 proves it gone. Two gates
 * hold deletions instead (rows marked pending_deletion, workspace {@code held}): a mass drop (more than
 * bison.sync.mass-drop-threshold of the workspace's cached accounts) and more candidates than
 * bison.sync.max-verifications, which bounds the lookups one workspace may cost. A held drop that the next
 * complete read confirms (same candidates, all already held) is verified then, or, when still too many to verify,
 * deleted on that second read's evidence.
 */
public final class DeletionPolicy {

    public enum Action {
        /** Every cached account was seen. */
        NOTHING,
        /** Look each candidate up; delete the ones proven gone. */
        VERIFY,
        /** Mark the candidates pending_deletion; delete nothing. */
        HOLD,
        /** Too many to verify, but a second complete read confirmed the held drop: delete them. */
        DELETE_CONFIRMED
    }

    /** A cached account of the workspace that the read did not see; {@code held} when already pending_deletion. */
    public record Candidate(long bisonId, boolean held) {
    }

    /** The decision and, for {@link Action#HOLD}, the reason shown to operators. */
    public record Plan(Action action, String reason) {
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
     */
    public Plan decide(List<Candidate> candidates, int cachedBefore) {
        if (candidates.isEmpty()) {
            return new Plan(Action.NOTHING, null);
        }
        boolean confirmed = confirmDropOnNextRead && candidates.stream().allMatch(Candidate::held);
        if (!confirmed && candidates.size() > cachedBefore * massDropThreshold) {
            return new Plan(Action.HOLD, "over bison.sync.mass-drop-threshold=" + massDropThreshold + " of " + cachedBefore + " cached");
        }
        if (candidates.size() > maxVerifications) {
            return confirmed
                    ? new Plan(Action.DELETE_CONFIRMED, null)
                    : new Plan(Action.HOLD, "more than bison.sync.max-verifications=" + maxVerifications + " to look up");
        }
        return new Plan(Action.VERIFY, null);
    }
}
