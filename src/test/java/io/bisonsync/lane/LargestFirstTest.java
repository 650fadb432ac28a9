package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.api.Credential;
import io.bisonsync.config.TestInstance;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's order from the previous run's counts: largest first, unknown ones first, ties as given. */
class LargestFirstTest {

    private static final TestInstance MAVERICK = TestInstance.apiUsers("maverick", 4);
    private final SyncRun run = new SyncRun("manual", List.of());

    private static Map<String, Object> row(String instance, Long workspaceId, String lane, int accounts) {
        Map<String, Object> row = new HashMap<>();
        row.put("bison_instance", instance);
        row.put("workspace_id", workspaceId);
        row.put("lane", lane);
        row.put("accounts", accounts);
        return row;
    }

    private static Credential key(int index) {
        return MAVERICK.lane(index);
    }

    private WorkspaceRun workspace(long id, String name) {
        return new WorkspaceRun(run, TestInstance.superAdmin("maverick").lane(0), id, name, 50, 15, Duration.ofSeconds(45));
    }

    @Test
    void apiUserLanesAreReadLargestPreviousWorkspaceFirstAndUnknownLanesBeforeThem() {
        LargestFirst order = LargestFirst.fromRows(List.of(row("Maverick", 11L, "api-user key #1", 30),
                row("Maverick", 12L, "api-user key #2", 750), row("Maverick", 14L, "api-user key #4", 200),
                row("Long Run", 99L, "api-user key #3", 10_000)));

        assertThat(order.lanes(List.of(key(1), key(2), key(3), key(4))))
                .extracting(Credential::index).containsExactly(3, 2, 4, 1);
    }

    @Test
    void aSuperAdminKeysWorkspacesAreReadLargestFirstWithTiesInTheGivenOrder() {
        LargestFirst order = LargestFirst.fromRows(List.of(row("Maverick", 1L, "super-admin key", 15),
                row("Maverick", 2L, "super-admin key", 433), row("Maverick", 3L, "super-admin key", 120),
                row("Maverick", 4L, "super-admin key", 120)));
        List<WorkspaceRun> byName = List.of(workspace(3, "Acme"), workspace(1, "Globex"), workspace(5, "Hooli"),
                workspace(4, "Initech"), workspace(2, "Jason Binyon"));

        assertThat(order.workspaces(byName)).extracting(WorkspaceRun::workspaceName)
                .containsExactly("Hooli", "Jason Binyon", "Acme", "Initech", "Globex");
        assertThat(order.previousAccounts("Maverick", 2)).isEqualTo(433);
        assertThat(order.previousAccounts("Long Run", 2)).isNull();
    }

    @Test
    void inAMixedInstanceTheSuperAdminLaneReadsLastTheWorkspacesAnApiUserKeyReadLastTime() {
        LargestFirst order = LargestFirst.fromRows(List.of(row("Maverick", 1L, "api-user key #1", 433),
                row("Maverick", 2L, "super-admin key", 15), row("Maverick", 3L, "super-admin key", 120)));

        assertThat(order.workspaces(List.of(workspace(1, "Big"), workspace(2, "Small"), workspace(3, "Mid"))))
                .extracting(WorkspaceRun::workspaceName).containsExactly("Mid", "Small", "Big");
    }

    @Test
    void withoutAPreviousRunEverythingKeepsTheOrderGiven() {
        assertThat(LargestFirst.NONE.lanes(List.of(key(2), key(1), key(4)))).extracting(Credential::index).containsExactly(2, 1, 4);
        assertThat(LargestFirst.fromRows(List.of()).workspaces(List.of(workspace(2, "B"), workspace(1, "A"))))
                .extracting(WorkspaceRun::workspaceName).containsExactly("B", "A");
    }
}
