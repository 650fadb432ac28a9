package io.bisonsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * bison.http.max-retries is the redelivery policy of routes/errors.camel.yaml, enforced by Camel for every request:
 * run with 2 (neither the default 3 nor Camel's own 0), a request that always fails is sent exactly 1 + 2 times,
 * and each request of a lane, the workspace list's pages too, gets its own retries.
 */
class RetryCapTest extends SyncTestSupport {

    private static final int MAX_RETRIES = 2;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.agency(20, 2); // a workspace list of two pages when it is paginated (15 a page)
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.putAll(Map.of("bison.http.max-retries", String.valueOf(MAX_RETRIES), "bison.http.retry-delay", "10ms"));
    }

    @Test
    void aWorkspaceListThatAlwaysFailsIsRequestedOncePlusTheConfiguredRetries() {
        freshFaults().workspaceListError("agency", 503);

        SyncRun run = runSync();

        assertThat(run.status()).isNotEqualTo(RunStatus.SUCCESS);
        assertThat(requests(e -> e.path().endsWith("/api/workspaces/v1.1"))).isEqualTo(1 + MAX_RETRIES);
        assertThat(db().row("SELECT status, workspace_id FROM email_sync_workspace_results WHERE run_id = ?", run.id()))
                .containsEntry("status", "failed").containsEntry("workspace_id", null);
    }

    @Test
    void eachPageOfALanesWorkspaceListGetsItsOwnRetries() {
        // both pages fail as often as one request may be retried: shared retries would fail the list on page 2
        freshFaults().paginateWorkspaceList("agency")
                .workspaceListError("agency", 1, 503, MAX_RETRIES)
                .workspaceListError("agency", 2, 503, MAX_RETRIES);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.workspaces()).hasSize(20)
                .allSatisfy(ws -> assertThat(ws.status()).as(ws.label()).isEqualTo(WorkspaceStatus.COMPLETE));
        assertThat(requests(e -> e.path().endsWith("/api/workspaces/v1.1"))).isEqualTo(2 * (1 + MAX_RETRIES));
    }

    @Test
    void aWorkspacePageThatAlwaysFailsIsReadOncePlusTheConfiguredRetries() {
        SimWorkspace client = simulator().instance("agency").workspace("Client 04");
        freshFaults().serverError(client.scope(), 1, 500, Faults.FOREVER);

        SyncRun run = runSync();

        WorkspaceRun ws = workspace(run, "Client 04");
        assertThat(ws.status()).isEqualTo(WorkspaceStatus.FAILED);
        assertThat(ws.retries()).isEqualTo(MAX_RETRIES);
        assertThat(requests(e -> e.path().endsWith("sender-emails") && client.id() == e.currentWorkspaceId()))
                .isEqualTo(1 + MAX_RETRIES);
    }

    @Test
    void aFailureThatIsNotRetriedEndsTheRetriesOfARequestAlreadyBeingRetried() {
        SimWorkspace client = simulator().instance("agency").workspace("Client 05");
        // a 503 (retried), then 403 (never retried): the rule is asked again on each failure, not only on the first
        freshFaults().serverError(client.scope(), 1, 503, 1).serverError(client.scope(), 1, 403, Faults.FOREVER);

        SyncRun run = runSync();

        WorkspaceRun ws = workspace(run, "Client 05");
        assertThat(ws.status()).isEqualTo(WorkspaceStatus.FAILED);
        assertThat(ws.retries()).isEqualTo(1);
        assertThat(requests(e -> e.path().endsWith("sender-emails") && client.id() == e.currentWorkspaceId())).isEqualTo(2);
    }

    /** No fault of an earlier test and none of its requests: each test counts only what its own run sent. */
    private Faults freshFaults() {
        simulator().faults().reset();
        simulator().requests().clear();
        return simulator().faults();
    }

    private long requests(Predicate<RequestLog.Event> which) {
        return simulator().requests().events().stream().filter(which).count();
    }

    private static WorkspaceRun workspace(SyncRun run, String name) {
        return run.workspaces().stream().filter(w -> w.workspaceName().equals(name)).findFirst().orElseThrow();
    }
}
