package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's per-workspace results summed up: complete of read, +/~/-, and the reasons of the others, most common first. */
class RunDigestTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void countsCompleteOfReadSumsTheChangesAndGroupsTheReasonsMostCommonFirst() throws Exception {
        Map<String, Object> digest = RunDigest.of(json("""
                [{'instance': 'Maverick', 'workspace': 'Acme', 'status': 'complete', 'inserted': 3, 'updated': 2, 'deleted': 1, 'held': 0},
                 {'instance': 'Maverick', 'workspace': 'Globex', 'status': 'failed', 'errorMessage': 'HTTP 500 from the API'},
                 {'instance': 'Long Run', 'workspace': 'Hooli', 'status': 'held', 'held': 30, 'errorMessage': null},
                 {'instance': 'Long Run', 'workspaceId': null, 'workspace': 'api-user key #1', 'status': 'failed',
                  'errorMessage': 'ConnectException: Connection refused'},
                 {'instance': 'Long Run', 'workspace': 'Stark', 'status': 'failed', 'errorMessage': 'ConnectException: Connection refused'}]"""));

        assertThat(digest).containsEntry("workspacesRead", 5).containsEntry("workspacesComplete", 1)
                .containsEntry("inserted", 3L).containsEntry("updated", 2L).containsEntry("deleted", 1L).containsEntry("held", 30L);
        assertThat(digest.get("reasons")).isEqualTo(List.of(
                Map.of("reason", "ConnectException: Connection refused", "workspaces", 2),
                Map.of("reason", "HTTP 500 from the API", "workspaces", 1),
                Map.of("reason", "held", "workspaces", 1)));
    }

    @Test
    void aRunWithoutResultsHasNothingToCount() {
        assertThat(RunDigest.of(null)).containsEntry("workspacesRead", 0).containsEntry("reasons", List.of());
    }
}
