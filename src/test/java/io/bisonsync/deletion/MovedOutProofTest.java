package io.bisonsync.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.api.RecordLookup;
import io.bisonsync.config.TestInstance;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The moved-out proof's rule: found (200) in a workspace whose key is proven, stored there; 403 or 404 in every
 * planned workspace, moved out; anything unproven (a failed request, a key switched away, an empty workspace that is
 * no longer empty) keeps the account.
 */
class MovedOutProofTest {

    private static final TestInstance MIXED = TestInstance.apiUsers("mixed", 2);
    private final SyncRun run = new SyncRun("manual", List.of());
    private final WorkspaceRun ay = new WorkspaceRun(run, MIXED.lane(1), 11, "Ay", 50, 15, Duration.ofSeconds(45));
    private final WorkspaceRun ce = new WorkspaceRun(run, MIXED.lane(2), 13, "Ce", 50, 15, Duration.ofSeconds(45));
    private final WorkspaceRun be = new WorkspaceRun(run, TestInstance.superAdmin("mixed").lane(0), 12, "Be", 50, 15, Duration.ofSeconds(45));

    private static void answer(MovedOutProof.Stop stop, Object... answers) {
        for (Object a : answers) {
            assertThat(stop.hasNextRequest()).isTrue();
            stop.nextRequest();
            stop.answered(a);
        }
        assertThat(stop.hasNextRequest()).isFalse();
    }

    private static Object page(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private MovedOutProof proof(WorkspaceRun... where) {
        return new MovedOutProof("Mixed", 7, List.of(new MovedOutProof.Candidate(101, 11), new MovedOutProof.Candidate(102, 11)),
                List.of(where));
    }

    @Test
    void anAccountFoundInAnotherWorkspaceIsStoredThereAndOneAbsentEverywhereMovesOut() {
        MovedOutProof proof = proof(ay, ce);
        answer(proof.stops().get(0), RecordLookup.elsewhere(), RecordLookup.elsewhere());
        answer(proof.stops().get(1), RecordLookup.found(null), RecordLookup.gone());

        assertThat(proof.inPlaceRows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("bisonId", 101L).containsEntry("fromWorkspaceId", 11L).containsEntry("workspaceId", 13L));
        assertThat(proof.movedOutRows()).singleElement().satisfies(row -> assertThat((Long[]) row.get("movedIds")).containsExactly(102L));
        assertThat(proof.requests()).isEqualTo(4);
    }

    @Test
    void aWorkspaceThatCouldNotBeAskedKeepsEveryCandidate() {
        MovedOutProof proof = proof(ay, ce);
        answer(proof.stops().get(0), RecordLookup.elsewhere(), RecordLookup.elsewhere());
        MovedOutProof.Stop ce = proof.stops().get(1);
        ce.nextRequest();
        ce.failed();

        assertThat(proof.movedOutRows()).isEmpty();
        assertThat(proof.inPlaceRows()).isEmpty();
    }

    @Test
    void aSuperAdminWorkspaceCountsOnlyWhenItsKeyIsProvenAfterTheLookups() throws Exception {
        MovedOutProof proven = proof(ay, be);
        answer(proven.stops().get(0), RecordLookup.elsewhere(), RecordLookup.elsewhere());
        // switch, two lookups, then Be (read empty) must still list nothing
        answer(proven.stops().get(1), page("{}"), RecordLookup.elsewhere(), RecordLookup.gone(), page("{\"data\":[]}"));
        assertThat(proven.movedOutRows()).singleElement().satisfies(row -> assertThat((Long[]) row.get("movedIds")).containsExactly(101L, 102L));

        MovedOutProof switched = proof(ay, be);
        answer(switched.stops().get(0), RecordLookup.elsewhere(), RecordLookup.elsewhere());
        // the key's current workspace lists accounts: another client switched it, its 403s prove nothing
        answer(switched.stops().get(1), page("{}"), RecordLookup.elsewhere(), RecordLookup.elsewhere(), page("{\"data\":[{\"id\":5}]}"));
        assertThat(switched.movedOutRows()).isEmpty();
    }
}
