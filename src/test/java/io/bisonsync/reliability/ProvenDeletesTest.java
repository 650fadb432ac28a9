package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.sync.RunStatus;
import io.bisonsync.sync.SyncRun;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A complete read deletes only what the API proves gone: a count-preserving page shift, a move between
 * workspaces or a failing lookup never costs an account that still exists.
 */
class ProvenDeletesTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN)
                .workspace("Alpha", 100)
                .workspace("Beta", 60)
                .workspace("Gamma", 40)
                .instance("long-run", "Long Run", KeyMode.API_USER)
                .workspace("Xeno", 70)
                .workspace("Yodel", 30)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.max-verifications", "6");
    }

    @BeforeEach
    void calmSync() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void aCountPreservingShiftDeletesNoAccountThatStillExistsAndStoresTheSkippedOne() {
        SimWorkspace alpha = workspace("maverick", "Alpha");
        SimWorkspace xeno = workspace("long-run", "Xeno");
        // after page 2 one record before the reader is deleted and one is appended: meta.total stays the same
        simulator().faults().shiftAfterPage(alpha.scope(), 2, 1).shiftAfterPage(xeno.scope(), 1, 2);
        Set<Long> alphaBefore = new HashSet<>(alpha.accountIds());
        Set<Long> xenoBefore = new HashSet<>(xeno.accountIds());

        SyncRun run = runSync();

        for (SimWorkspace ws : List.of(alpha, xeno)) {
            assertThat(cachedIds(ws)).as(ws.name()).containsAll(stillThere(ws, ws == alpha ? alphaBefore : xenoBefore));
        }
        // the skipped account was looked up and found; the deleted one had been read before it went, so it waits
        Map<String, Object> a = result(run, "Alpha");
        assertThat(a).containsEntry("status", "complete").containsEntry("recovered", 1).containsEntry("deleted", 0)
                .containsEntry("verifications", 1);
        assertThat(a.get("error_message").toString()).contains("shifted");
        assertThat(result(run, "Xeno")).containsEntry("status", "complete").containsEntry("recovered", 2).containsEntry("deleted", 0);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(accountsCounter("Maverick", "recovered")).isGreaterThanOrEqualTo(1);
        assertThat(accountsCounter("Long Run", "recovered")).isGreaterThanOrEqualTo(2);
        // the next read proves the deleted ones gone (404) and finds the appended ones; the cache then equals the API
        SyncRun next = runSync();
        assertThat(result(next, "Alpha")).containsEntry("status", "complete").containsEntry("deleted", 1).containsEntry("verifications", 1);
        assertThat(result(next, "Xeno")).containsEntry("deleted", 2);
        assertThat(cachedIds(alpha)).isEqualTo(new HashSet<>(alpha.accountIds()));
        assertThat(cachedIds(xeno)).isEqualTo(new HashSet<>(xeno.accountIds()));
    }

    @Test
    void anAccountMovedToAnotherWorkspaceIsNeverDeletedAndEndsUpInItsNewWorkspace() {
        SimWorkspace alpha = workspace("maverick", "Alpha");
        SimWorkspace gamma = workspace("maverick", "Gamma");
        long moving = gamma.accountIds().get(gamma.size() - 1);
        // Alpha is read first (alphabetical): the account leaves Gamma for Alpha after Alpha's read, before Gamma's
        simulator().faults().afterPage(alpha.scope(), 7, (instance, ws, position) -> gamma.moveAccountTo(moving, alpha));

        SyncRun run = runSync();

        assertThat(result(run, "Gamma")).containsEntry("status", "complete").containsEntry("moved", 1).containsEntry("deleted", 0);
        assertThat(db().row("SELECT workspace_name FROM email_accounts_cache WHERE bison_id = ?", moving))
                .containsEntry("workspace_name", "Gamma");
        SyncRun next = runSync();
        assertThat(db().row("SELECT workspace_name FROM email_accounts_cache WHERE bison_id = ?", moving))
                .containsEntry("workspace_name", "Alpha");
        assertThat(result(next, "Gamma")).containsEntry("status", "complete").containsEntry("verifications", 0);
    }

    @Test
    void anAccountWhoseLookupKeepsFailingIsKeptAndTheWorkspaceIsIncomplete() {
        SimWorkspace beta = workspace("maverick", "Beta");
        long removed = beta.accountIds().get(10);
        beta.removeAccount(removed);
        simulator().faults().lookupError(beta.scope(), 503, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(result(run, "Beta")).containsEntry("status", "incomplete").containsEntry("unverified", 1).containsEntry("deleted", 0);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ?", removed)).isEqualTo(1);
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        simulator().faults().reset();
        assertThat(result(runSync(), "Beta")).containsEntry("status", "complete").containsEntry("deleted", 1);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ?", removed)).isZero();
    }

    @Test
    void moreUnseenAccountsThanMaxVerificationsAreHeldNotLookedUp() {
        SimWorkspace alpha = workspace("maverick", "Alpha");
        alpha.accountIds().subList(0, 7).forEach(alpha::removeAccount); // 7 > max-verifications 6, under 10% of 100

        SyncRun run = runSync();

        assertThat(result(run, "Alpha")).containsEntry("status", "held").containsEntry("held", 7).containsEntry("verifications", 0);
        assertThat(result(run, "Alpha").get("error_message").toString()).contains("max-verifications=6");
        // the next complete read confirms the held drop: still too many to look up, so the second read's evidence deletes
        SyncRun next = runSync();
        assertThat(result(next, "Alpha")).containsEntry("status", "complete").containsEntry("deleted", 7);
    }

    @Test
    void anUnchangedResyncWritesNoRowAndSendsNoLookup() {
        int lookupsBefore = lookups();

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(lookups()).isEqualTo(lookupsBefore);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE last_sync_run_id = ?", run.id())).isZero();
        assertThat(db().count("SELECT sum(verifications) FROM email_sync_workspace_results WHERE run_id = ?", run.id())).isZero();
    }

    private double accountsCounter(String instance, String outcome) {
        return context.getRegistry().lookupByNameAndType("syncMetrics", io.bisonsync.sync.SyncMetrics.class).registry()
                .counter("bison_sync_accounts_total", "bison_instance", instance, "outcome", outcome).count();
    }

    private int lookups() {
        return (int) simulator().requests().events().stream().filter(e -> e.path().matches(".*/api/sender-emails/\\d+")).count();
    }

    private Set<Long> stillThere(SimWorkspace ws, Set<Long> before) {
        Set<Long> present = new HashSet<>(before);
        present.retainAll(ws.accountIds());
        return present;
    }

    private SimWorkspace workspace(String slug, String name) {
        SimInstance instance = simulator().instance(slug);
        return instance.workspace(name);
    }

    private Set<Long> cachedIds(SimWorkspace ws) {
        Set<Long> ids = new HashSet<>();
        db().rows("SELECT bison_id FROM email_accounts_cache WHERE workspace_name = ?", ws.name())
                .forEach(r -> ids.add(((Number) r.get("bison_id")).longValue()));
        return ids;
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }
}
