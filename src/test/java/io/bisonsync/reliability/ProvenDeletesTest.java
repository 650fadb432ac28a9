package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
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
        // Alpha is read first (the largest): the account leaves Gamma for Alpha after Alpha's last page, before Gamma's
        simulator().faults().afterPage(alpha.scope(), lastPage(alpha), (instance, ws, position) -> gamma.moveAccountTo(moving, alpha));

        SyncRun run = runSync();

        assertThat(result(run, "Gamma")).containsEntry("status", "complete").containsEntry("moved", 1).containsEntry("deleted", 0)
                .containsEntry("moved_out", 0);
        // the lookup answered 403; the end of the run looked it up in every workspace of Maverick and found it in Alpha
        assertThat(db().row("SELECT workspace_name FROM email_accounts_cache WHERE bison_id = ?", moving))
                .containsEntry("workspace_name", "Alpha");
        SyncRun next = runSync();
        assertThat(db().row("SELECT workspace_name FROM email_accounts_cache WHERE bison_id = ?", moving))
                .containsEntry("workspace_name", "Alpha");
        assertThat(result(next, "Gamma")).containsEntry("status", "complete").containsEntry("verifications", 0);
    }

    @Test
    void anAccountWhoseLookupKeepsFailingIsKeptAndTheWorkspaceIsIncomplete() {
        // an api-user workspace: a super-admin read's switch check is a lookup too, and failing it fails the read
        SimWorkspace yodel = workspace("long-run", "Yodel");
        long removed = yodel.accountIds().get(10);
        yodel.removeAccount(removed);
        simulator().faults().lookupError(yodel.scope(), 503, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(result(run, "Yodel")).containsEntry("status", "incomplete").containsEntry("unverified", 1).containsEntry("deleted", 0);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ?", removed)).isEqualTo(1);
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        simulator().faults().reset();
        assertThat(result(runSync(), "Yodel")).containsEntry("status", "complete").containsEntry("deleted", 1);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ?", removed)).isZero();
    }

    @Test
    void moreUnseenAccountsThanMaxVerificationsAreLookedUpOverSeveralRunsTheRestHeld() {
        SimWorkspace alpha = workspace("maverick", "Alpha");
        alpha.accountIds().subList(0, 7).forEach(alpha::removeAccount); // 7 > max-verifications 6, under 10% of 100

        SyncRun run = runSync();

        // six looked up and proven gone, the seventh held for the next run: never deleted on absence
        assertThat(result(run, "Alpha")).containsEntry("status", "held").containsEntry("held", 1).containsEntry("deleted", 6)
                .containsEntry("verifications", 6);
        assertThat(result(run, "Alpha").get("error_message").toString()).contains("max-verifications=6");
        SyncRun next = runSync();
        assertThat(result(next, "Alpha")).containsEntry("status", "complete").containsEntry("deleted", 1).containsEntry("verifications", 1);
        assertThat(cachedIds(alpha)).isEqualTo(new HashSet<>(alpha.accountIds()));
    }

    @Test
    void aBulkMoveOfMoreThanMaxVerificationsWithItsDestinationFailingDeletesNoPresentAccount() {
        SimWorkspace alpha = workspace("maverick", "Alpha");
        SimWorkspace gamma = workspace("maverick", "Gamma");
        List<Long> moving = List.copyOf(gamma.accountIds().subList(0, 8)); // 8 > max-verifications 6
        // Alpha is read first (the largest): the accounts leave Gamma for Alpha after Alpha's last page, before Gamma's
        simulator().faults().afterPage(alpha.scope(), lastPage(alpha), (instance, ws, position) -> moving.forEach(id -> gamma.moveAccountTo(id, alpha)));

        SyncRun first = runSync();

        assertThat(result(first, "Gamma")).containsEntry("deleted", 0);
        assertEveryAccountOfTheApiIsCached("after the run of the move");
        // the next run: Alpha fails, Gamma's read confirms the held drop; before, its evidence deleted all eight
        simulator().faults().serverError(alpha.scope(), Faults.ANY_PAGE, 500, Faults.FOREVER);
        SyncRun second = runSync();
        assertThat(result(second, "Alpha")).containsEntry("status", "failed");
        assertThat(result(second, "Gamma")).containsEntry("deleted", 0);
        assertEveryAccountOfTheApiIsCached("after the run in which the destination failed");
        simulator().faults().reset();
        runSync();
        assertEveryAccountOfTheApiIsCached("once the destination is read again");
        assertThat(cachedIds(alpha)).containsAll(moving).isEqualTo(new HashSet<>(alpha.accountIds()));
        assertThat(cachedIds(gamma)).doesNotContainAnyElementsOf(moving).isEqualTo(new HashSet<>(gamma.accountIds()));
    }

    private void assertEveryAccountOfTheApiIsCached(String when) {
        for (SimInstance instance : simulator().instances()) {
            for (SimWorkspace ws : instance.workspaces()) {
                Set<Long> cached = new HashSet<>();
                db().rows("SELECT bison_id FROM email_accounts_cache WHERE bison_instance = ?", instance.name())
                        .forEach(r -> cached.add(((Number) r.get("bison_id")).longValue()));
                assertThat(cached).as("%s: accounts of %s cached %s", instance.name(), ws.name(), when).containsAll(ws.accountIds());
            }
        }
    }

    @Test
    void anUnchangedResyncWritesNoRowAndLooksUpNothingButTheSwitchChecks() {
        int lookupsBefore = lookups();

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        // one switch check at the end of each super-admin read (Alpha, Beta, Gamma); no account is looked up
        assertThat(lookups()).isEqualTo(lookupsBefore + 3);
        assertThat(db().count("SELECT sum(key_checks) FROM email_sync_workspace_results WHERE run_id = ?", run.id())).isEqualTo(3);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE last_sync_run_id = ?", run.id())).isZero();
        assertThat(db().count("SELECT sum(verifications) FROM email_sync_workspace_results WHERE run_id = ?", run.id())).isZero();
    }

    private double accountsCounter(String instance, String outcome) {
        return context.getRegistry().lookupByNameAndType("syncMetrics", io.bisonsync.metrics.SyncMetrics.class).registry()
                .counter("bison_sync_accounts_total", "bison_instance", instance, "outcome", outcome).count();
    }

    /** The last page of {@code ws} as it is now (15 a page): the other tests of this class change its size. */
    private static int lastPage(SimWorkspace ws) {
        return Math.max(1, (ws.size() + 14) / 15);
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
