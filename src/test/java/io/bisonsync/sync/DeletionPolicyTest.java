package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.sync.DeletionPolicy.Action;
import io.bisonsync.sync.DeletionPolicy.Candidate;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeletionPolicyTest {

    private final DeletionPolicy policy = new DeletionPolicy(0.10, true, 5);

    private static List<Candidate> candidates(int n, boolean held) {
        return LongStream.rangeClosed(1, n).mapToObj(id -> new Candidate(id, held)).toList();
    }

    @Test
    void nothingIsLookedUpWhenEveryCachedAccountWasSeen() {
        assertThat(policy.decide(List.of(), 100).action()).isEqualTo(Action.NOTHING);
    }

    @Test
    void aFewUnseenAccountsAreLookedUpNotDeleted() {
        assertThat(policy.decide(candidates(3, false), 100).action()).isEqualTo(Action.VERIFY);
        assertThat(policy.decide(candidates(5, false), 100).action()).isEqualTo(Action.VERIFY);
    }

    @Test
    void moreThanTheMassDropThresholdIsHeldWithoutLookingUp() {
        DeletionPolicy.Plan plan = policy.decide(candidates(3, false), 20);
        assertThat(plan.action()).isEqualTo(Action.HOLD);
        assertThat(plan.reason()).contains("mass-drop-threshold");
        assertThat(policy.decide(candidates(2, false), 20).action()).isEqualTo(Action.VERIFY);
    }

    @Test
    void moreCandidatesThanMaxVerificationsAreHeldToBoundTheLookups() {
        DeletionPolicy.Plan plan = policy.decide(candidates(6, false), 1_000);
        assertThat(plan.action()).isEqualTo(Action.HOLD);
        assertThat(plan.reason()).contains("max-verifications=5");
    }

    @Test
    void aHeldDropConfirmedByTheNextReadIsLookedUpWhenFewEnoughElseDeletedOnTheSecondReadsEvidence() {
        assertThat(policy.decide(candidates(3, true), 20).action()).isEqualTo(Action.VERIFY);
        assertThat(policy.decide(candidates(8, true), 20).action()).isEqualTo(Action.DELETE_CONFIRMED);
        assertThat(new DeletionPolicy(0.10, false, 5).decide(candidates(3, true), 20).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void aDropIsConfirmedOnlyWhenEveryCandidateWasAlreadyHeld() {
        List<Candidate> mixed = List.of(new Candidate(1, true), new Candidate(2, true), new Candidate(3, false));
        assertThat(policy.decide(mixed, 20).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void theProofDeletesOnlyWhatALookupProvedGone() {
        DeletionProof proof = new DeletionProof(policy.decide(candidates(4, false), 100), List.of(1L, 2L, 3L, 4L));
        assertThat(proof.toVerify()).containsExactly(1L, 2L, 3L, 4L);
        proof.record(1, RecordLookup.Outcome.GONE, null);
        proof.record(2, RecordLookup.Outcome.FOUND, new AccountRow(2, "{\"id\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        proof.record(3, RecordLookup.Outcome.ELSEWHERE, null);
        proof.unproven();
        assertThat(proof.deleteIds()).containsExactly(1L);
        assertThat(proof.holdIds()).isEmpty();
        assertThat(List.of(proof.verifiedGone(), proof.recovered(), proof.moved(), proof.unverified(), proof.verifications()))
                .containsExactly(1, 1, 1, 1, 4);
    }

    @Test
    void aHeldPlanLooksNothingUpAndHoldsEveryCandidate() {
        DeletionProof proof = new DeletionProof(policy.decide(candidates(6, false), 1_000), List.of(1L, 2L, 3L, 4L, 5L, 6L));
        assertThat(proof.toVerify()).isEmpty();
        assertThat(proof.deleteIds()).isEmpty();
        assertThat(proof.holdIds()).hasSize(6);
    }
}
