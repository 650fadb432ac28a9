package io.bisonsync.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.api.RecordLookup;
import io.bisonsync.deletion.DeletionPolicy.Action;
import io.bisonsync.deletion.DeletionPolicy.Candidate;
import io.bisonsync.write.AccountRow;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeletionPolicyTest {

    private final DeletionPolicy policy = new DeletionPolicy(0.10, true, 5);
    // mass drop above 10%; at most 5 lookups per workspace and run

    private static List<Candidate> candidates(int n, boolean held) {
        return LongStream.rangeClosed(1, n).mapToObj(id -> new Candidate(id, held)).toList();
    }

    @Test
    void nothingIsLookedUpWhenEveryCachedAccountWasSeen() {
        assertThat(policy.decide(List.of(), 100, false).action()).isEqualTo(Action.NOTHING);
    }

    @Test
    void aFewUnseenAccountsAreLookedUpNotDeleted() {
        assertThat(policy.decide(candidates(3, false), 100, false).action()).isEqualTo(Action.VERIFY);
        assertThat(policy.decide(candidates(5, false), 100, false).action()).isEqualTo(Action.VERIFY);
    }

    @Test
    void moreThanTheMassDropThresholdIsHeldWithoutLookingUp() {
        DeletionPolicy.Plan plan = policy.decide(candidates(3, false), 20, false);
        assertThat(plan.action()).isEqualTo(Action.HOLD);
        assertThat(plan.reason()).contains("mass-drop-threshold");
        assertThat(policy.decide(candidates(2, false), 20, false).action()).isEqualTo(Action.VERIFY);
    }

    @Test
    void moreCandidatesThanMaxVerificationsAreLookedUpInTurnsTheRestHeld() {
        DeletionPolicy.Plan plan = policy.decide(candidates(6, false), 1_000, false);
        assertThat(plan.action()).isEqualTo(Action.VERIFY_SOME);
        assertThat(plan.lookups()).isEqualTo(5);
        assertThat(plan.reason()).contains("max-verifications=5");
    }

    @Test
    void aHeldDropConfirmedByTheNextReadIsLookedUpNeverDeletedOnAbsence() {
        assertThat(policy.decide(candidates(3, true), 20, false).action()).isEqualTo(Action.VERIFY);
        DeletionPolicy.Plan many = policy.decide(candidates(8, true), 20, false);
        assertThat(many.action()).isEqualTo(Action.VERIFY_SOME);
        assertThat(many.lookups()).isEqualTo(5);
        assertThat(new DeletionPolicy(0.10, false, 5).decide(candidates(3, true), 20, false).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void noPlanDeletesAnAccountNoLookupProvedGone() {
        // whatever the candidates, held or not, and the workspace's size: only a 404 deletes
        for (int n = 1; n <= 30; n++) {
            for (int cached : new int[] {n, 2 * n, 100, 1_000}) {
                for (boolean held : new boolean[] {false, true}) {
                    List<Long> ids = LongStream.rangeClosed(1, n).boxed().toList();
                    DeletionProof proof = new DeletionProof(policy.decide(candidates(n, held), cached, true), ids);
                    assertThat(proof.deleteIds()).as("%d candidates of %d, held %s, before any lookup", n, cached, held).isEmpty();
                    assertThat(proof.toVerify()).hasSizeLessThanOrEqualTo(5);
                    assertThat(proof.toVerify().size() + proof.holdIds().length).isEqualTo(n);
                }
            }
        }
    }

    @Test
    void manyAnswersOf403AtOnceOnASuperAdminKeyAreHeldAsAPossibleSwitchNotMoves() {
        List<Long> ids = List.of(1L, 2L, 3L);
        DeletionProof few = new DeletionProof(policy.decide(candidates(3, false), 100, true), ids);
        few.record(1, RecordLookup.Outcome.ELSEWHERE, null);
        assertThat(few.movedIds()).containsExactly(1L);
        assertThat(few.holdIds()).isEmpty();

        // a held drop of 3 of 20 (over 10%), confirmed by the next read: all three answer 403
        DeletionProof many = new DeletionProof(policy.decide(candidates(3, true), 20, true), ids);
        ids.forEach(id -> many.record(id, RecordLookup.Outcome.ELSEWHERE, null));
        assertThat(many.possibleSwitch()).isTrue();
        assertThat(many.movedIds()).isEmpty();
        assertThat(many.holdIds()).containsExactly(1L, 2L, 3L);
        assertThat(many.heldReason()).contains("403");

        DeletionProof apiUser = new DeletionProof(policy.decide(candidates(3, true), 20, false), ids);
        ids.forEach(id -> apiUser.record(id, RecordLookup.Outcome.ELSEWHERE, null));
        assertThat(apiUser.movedIds()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDropIsConfirmedOnlyWhenEveryCandidateWasAlreadyHeld() {
        List<Candidate> mixed = List.of(new Candidate(1, true), new Candidate(2, true), new Candidate(3, false));
        assertThat(policy.decide(mixed, 20, false).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void theProofDeletesOnlyWhatALookupProvedGone() {
        DeletionProof proof = new DeletionProof(policy.decide(candidates(4, false), 100, false), List.of(1L, 2L, 3L, 4L));
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
    void aHeldMassDropLooksNothingUpAndHoldsEveryCandidate() {
        DeletionProof proof = new DeletionProof(policy.decide(candidates(6, false), 20, false), List.of(1L, 2L, 3L, 4L, 5L, 6L));
        assertThat(proof.toVerify()).isEmpty();
        assertThat(proof.deleteIds()).isEmpty();
        assertThat(proof.holdIds()).hasSize(6);
    }

    @Test
    void aPacedPlanLooksUpTheFirstOnesAndHoldsTheRest() {
        DeletionProof proof = new DeletionProof(policy.decide(candidates(7, true), 20, false), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
        assertThat(proof.toVerify()).containsExactly(1L, 2L, 3L, 4L, 5L);
        proof.record(1, RecordLookup.Outcome.GONE, null);
        proof.record(2, RecordLookup.Outcome.ELSEWHERE, null);
        assertThat(proof.deleteIds()).containsExactly(1L);
        assertThat(proof.holdIds()).containsExactly(6L, 7L);
    }
}
