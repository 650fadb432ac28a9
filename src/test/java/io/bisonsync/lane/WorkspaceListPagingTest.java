package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.support.SyncTestSupport;
import org.junit.jupiter.api.Test;

/** The contract does not say whether the workspace list is paginated: when it is, every page of it is read. */
class WorkspaceListPagingTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.agency(33, 2); // three pages of 15 workspaces
    }

    @Test
    void anAgencyWhoseWorkspaceListComesInPagesHasEveryClientRead() {
        simulator().faults().paginateWorkspaceList("agency");
        simulator().requests().clear();

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.workspaces()).hasSize(33);
        assertThat(db().count("SELECT count(DISTINCT workspace_id) FROM email_accounts_cache")).isEqualTo(33);
        assertThat(simulator().requests().events().stream().filter(e -> e.path().endsWith("/api/workspaces/v1.1")).count())
                .isEqualTo(3);
    }

    @Test
    void aPlainWorkspaceListIsReadWithOneRequest() {
        simulator().faults().reset();
        simulator().requests().clear();

        SyncRun run = runSync();

        assertThat(run.workspaces()).hasSize(33);
        assertThat(simulator().requests().events().stream().filter(e -> e.path().endsWith("/api/workspaces/v1.1")).count())
                .isEqualTo(1);
    }
}
