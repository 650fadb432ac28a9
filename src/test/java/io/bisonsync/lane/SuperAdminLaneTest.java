package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SuperAdminReads;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * An agency's super-admin key reads a dozen clients one after another, far longer in all than one workspace's
 * timeout: each workspace's clock starts with its own read, and waits the server asked for count against nobody.
 */
class SuperAdminLaneTest extends SyncTestSupport {

    private static final int WORKSPACES = 12;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.agency(WORKSPACES, 55); // 4 pages each
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.workspace-timeout", "1500ms");
        overrides.put("bison.http.max-retries", "3");
        overrides.put("bison.http.retry-delay", "10ms");
    }

    @Test
    void aLaneMuchLongerThanTheWorkspaceTimeoutCompletesEveryWorkspace() {
        // about 100 ms per request, 6 requests per workspace: the lane takes about 7 s, the timeout is 1.5 s
        simulator().faults().latency(Duration.ofMillis(100));
        String key = simulator().superAdminKey("agency");
        int earlier = simulator().requests().events(key).size(); // the class's other tests may have run first
        long started = System.nanoTime();

        SyncRun run = runSync();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500 * 3));
        assertThat(run.workspaces()).hasSize(WORKSPACES)
                .allSatisfy(ws -> assertThat(ws.status()).as(ws.label()).isEqualTo(WorkspaceStatus.COMPLETE));
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(WORKSPACES * 55L);
        List<RequestLog.Event> events = simulator().requests().events(key);
        assertThat(SuperAdminReads.assertNeverInterleaved(events.subList(earlier, events.size()))).hasSize(WORKSPACES);
    }

    @Test
    void aRetryAfterLongerThanTheWorkspaceTimeoutDelaysTheReadWithoutTimingItOut() {
        SimWorkspace third = simulator().instance("agency").workspace("Client 03");
        // a 2 s Retry-After on the third client's page 2: longer than its whole 1.5 s timeout
        simulator().faults().tooManyRequests(third.scope(), 2, 2, 1);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.workspaces()).allSatisfy(ws -> assertThat(ws.status()).as(ws.label()).isEqualTo(WorkspaceStatus.COMPLETE));
        assertThat(run.workspaces().stream().filter(w -> w.workspaceName().equals("Client 03")).findFirst().orElseThrow().retries())
                .isEqualTo(1);
    }

    @Test
    void eachRequestGetsItsOwnRetriesRatherThanTheWorkspaceSharingThem() {
        SimWorkspace first = simulator().instance("agency").workspace("Client 01");
        // three 429s on page 2 and one on page 4: every request succeeds within bison.http.max-retries=3 of its own
        simulator().faults().tooManyRequests(first.scope(), 2, 0, 3).tooManyRequests(first.scope(), 4, 0, 1)
                .serverError(first.scope(), 3, 503, 3);

        SyncRun run = runSync();

        WorkspaceRun ws = run.workspaces().stream().filter(w -> w.workspaceName().equals("Client 01")).findFirst().orElseThrow();
        assertThat(ws.status()).isEqualTo(WorkspaceStatus.COMPLETE);
        assertThat(ws.retries()).isEqualTo(7);
    }

    @Test
    void theRetryCapHoldsForEveryRequest() {
        SimWorkspace second = simulator().instance("agency").workspace("Client 02");
        simulator().faults().serverError(second.scope(), 2, 503, io.bisonsync.simulator.Faults.FOREVER);
        simulator().requests().clear();

        SyncRun run = runSync();

        WorkspaceRun ws = run.workspaces().stream().filter(w -> w.workspaceName().equals("Client 02")).findFirst().orElseThrow();
        assertThat(ws.status()).isEqualTo(WorkspaceStatus.FAILED);
        long page2Reads = simulator().requests().events().stream()
                .filter(e -> e.path().endsWith("sender-emails") && Integer.valueOf(2).equals(e.page())
                        && second.id() == e.currentWorkspaceId())
                .count();
        assertThat(page2Reads).isEqualTo(1 + 3);
        assertThat(run.workspaces()).filteredOn(w -> w != ws)
                .allSatisfy(w -> assertThat(w.status()).as(w.label()).isEqualTo(WorkspaceStatus.COMPLETE));
    }
}
