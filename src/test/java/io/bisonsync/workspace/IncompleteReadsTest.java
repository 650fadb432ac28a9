package io.bisonsync.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads that stop early or see the list move are never treated as complete: they delete nothing. */
class IncompleteReadsTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN)
                .workspace("Big", 433)       // 29 pages, over max-pages
                .workspace("Slow", 60)       // 4 pages, made slow by a latency fault
                .workspace("Shifting", 100)  // records removed while it is paged
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.max-pages", "20");
        overrides.put("bison.sync.workspace-timeout", "3s");
    }

    @AfterEach
    void healTheSimulator() {
        simulator().faults().reset();
    }

    @Test
    void reachingMaxPagesMakesTheWorkspaceTruncatedAndDeletesNothing() {
        runSync();
        SimWorkspace big = workspace("Big");
        long cachedBefore = cached("Big");
        long gone = big.accountIds().get(0);
        big.removeAccount(gone);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        Map<String, Object> result = result(run, "Big");
        assertThat(result).containsEntry("status", "truncated").containsEntry("pages_fetched", 20).containsEntry("deleted", 0);
        assertThat(result.get("error_message").toString()).contains("bison.sync.max-pages=20");
        // the removed account stays (not proven gone); the page window shifted one further, so one more was read
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ?", gone)).isEqualTo(1);
        assertThat(cached("Big")).isEqualTo(cachedBefore + 1);
        assertThat(db().row("SELECT workspaces_failed FROM email_sync_logs WHERE id = ?", run.id()).get("workspaces_failed").toString())
                .contains("[Maverick] Big");
    }

    @Test
    void hittingTheWorkspaceTimeoutMakesItTimedOutAndDeletesNothing() {
        runSync();
        SimWorkspace slow = workspace("Slow");
        long cachedBefore = cached("Slow");
        slow.removeAccount(slow.accountIds().get(0));
        simulator().faults().latency(slow.scope(), Duration.ofMillis(1100));

        SyncRun run = runSync();

        Map<String, Object> result = result(run, "Slow");
        assertThat(result).containsEntry("status", "timed_out").containsEntry("deleted", 0);
        assertThat((Integer) result.get("pages_fetched")).isLessThan(4);
        assertThat(cached("Slow")).isEqualTo(cachedBefore);
    }

    @Test
    void aRecordRemovedWhileTheWorkspaceIsPagedBlocksItsDeletes() {
        runSync();
        SimWorkspace shifting = workspace("Shifting");
        long cachedBefore = cached("Shifting");
        // after page 2 one record disappears from the front: offset paging then skips a record that still exists
        simulator().faults().removeAfterPage(shifting.scope(), 2, 1);

        SyncRun run = runSync();

        Map<String, Object> result = result(run, "Shifting");
        assertThat(result).containsEntry("status", "incomplete").containsEntry("deleted", 0);
        assertThat(result.get("error_message").toString()).contains("meta.total changed while paging");
        assertThat(cached("Shifting")).isEqualTo(cachedBefore);
        // the next read sees a stable list and cleans up what is really gone
        SyncRun next = runSync();
        assertThat(result(next, "Shifting")).containsEntry("status", "complete").containsEntry("deleted", 1);
        assertThat(cached("Shifting")).isEqualTo(shifting.size());
    }

    private SimWorkspace workspace(String name) {
        return simulator().instance("maverick").workspace(name);
    }

    private long cached(String workspace) {
        return db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = ?", workspace);
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }
}
