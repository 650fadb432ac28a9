package io.bisonsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The not-retried rule of routes/errors.camel.yaml is asked on every failure, so a workspace whose deadline passes
 * while one of its requests is being retried stops retrying: with 8 retries allowed and a backoff of 400 ms doubling,
 * an always-failing page would be read 9 times over about 80 s; past the 1 s workspace timeout it is read at most
 * 4 times (a slower machine reaches the deadline sooner, never later).
 */
class RetryDeadlineTest extends SyncTestSupport {

    private static final int MAX_RETRIES = 8;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.agency(3, 2);
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.putAll(Map.of("bison.http.max-retries", String.valueOf(MAX_RETRIES), "bison.http.retry-delay", "400ms",
                "bison.sync.workspace-timeout", "1s"));
    }

    @Test
    void aWorkspaceWhoseDeadlinePassesWhileARequestIsRetriedStopsRetryingIt() {
        SimWorkspace client = simulator().instance("agency").workspace("Client 02");
        simulator().faults().serverError(client.scope(), 1, 503, Faults.FOREVER);

        SyncRun run = runSync();

        WorkspaceRun ws = run.workspaces().stream().filter(w -> w.workspaceName().equals("Client 02")).findFirst().orElseThrow();
        long reads = simulator().requests().events().stream()
                .filter(e -> e.path().endsWith("sender-emails") && client.id() == e.currentWorkspaceId()).count();
        assertThat(ws.status()).isEqualTo(WorkspaceStatus.FAILED);
        assertThat(reads).isBetween(2L, 4L);
        assertThat(ws.retries()).isLessThan(MAX_RETRIES);
        assertThat(run.workspaces()).filteredOn(w -> w != ws)
                .allSatisfy(w -> assertThat(w.status()).as(w.label()).isEqualTo(WorkspaceStatus.COMPLETE));
    }
}
