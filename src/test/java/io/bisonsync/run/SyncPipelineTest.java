package io.bisonsync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SuperAdminReads;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sync pipeline against the demo fleet: complete reads, differential writes, deletes and moves. */
class SyncPipelineTest extends SyncTestSupport {

    private static final String SNAPSHOT = "SELECT bison_instance, bison_id, workspace_id, account_data::text AS data, xmin::text AS version"
            + " FROM email_accounts_cache ORDER BY bison_instance, bison_id";

    @Override
    protected void configure(Properties overrides) {
        // the old bug: asking for 100 per page and stopping at the first short page
        overrides.put("bison.sync.per-page", "100");
    }

    @Test
    void readsAll433AccountsOfJasonBinyonIn29PagesAlthoughTheClientAsksFor100PerPage() {
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        Map<String, Object> result = db().row("SELECT pages_fetched, accounts_read, api_total, status FROM email_sync_workspace_results"
                + " WHERE run_id = ? AND workspace_name = 'Jason Binyon'", run.id());
        assertThat(result).containsEntry("pages_fetched", 29).containsEntry("accounts_read", 433)
                .containsEntry("api_total", 433).containsEntry("status", "complete");
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Jason Binyon'")).isEqualTo(433);
        assertThat(db().count("SELECT count(*) FROM email_accounts_live WHERE workspace_name = 'Jason Binyon'")).isEqualTo(433);
    }

    @Test
    void closesTheRunLogWithTotalsAndASummaryByInstanceAndWorkspace() {
        SyncRun run = runSync();

        Map<String, Object> log = db().row("SELECT status, trigger, total_accounts_fetched, total_workspaces_processed,"
                + " cardinality(workspaces_failed) AS failed, completed_at IS NOT NULL AS closed, live_view_refreshed,"
                + " summary->'by_instance'->'Maverick'->>'accounts' AS maverick,"
                + " summary->'top_workspaces'->0->>'workspace' AS top FROM email_sync_logs WHERE id = ?", run.id());
        int total = simulator().instances().stream().mapToInt(SimInstance::totalAccounts).sum();
        assertThat(log).containsEntry("status", "success").containsEntry("trigger", "manual")
                .containsEntry("total_accounts_fetched", total).containsEntry("total_workspaces_processed", 11)
                .containsEntry("failed", 0).containsEntry("closed", true).containsEntry("live_view_refreshed", true)
                .containsEntry("maverick", String.valueOf(simulator().instance("maverick").totalAccounts()))
                .containsEntry("top", "Jason Binyon");
    }

    @Test
    void aSecondRunWithoutChangesLeavesEveryCachedRowUntouched() {
        runSync();
        List<Map<String, Object>> before = db().rows(SNAPSHOT);

        SyncRun second = runSync();

        assertThat(second.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().rows(SNAPSHOT)).isEqualTo(before); // same data and same row versions (xmin): nothing rewritten
        assertThat(db().row("SELECT sum(inserted) AS i, sum(updated) AS u, sum(deleted) AS d, sum(unchanged) AS same"
                + " FROM email_sync_workspace_results WHERE run_id = ?", second.id()))
                .containsEntry("i", 0L).containsEntry("u", 0L).containsEntry("d", 0L).containsEntry("same", (long) before.size());
    }

    @Test
    void changedAccountsAreTheOnlyRowsRewritten() {
        runSync();
        SimWorkspace hooli = simulator().instance("long-run").workspace("Hooli");
        List<Long> changed = hooli.accountIds().subList(0, 3);
        changed.forEach(id -> hooli.updateField(id, "daily_limit", 77));

        SyncRun run = runSync();

        assertThat(db().rows("SELECT bison_id FROM email_accounts_cache WHERE last_sync_run_id = ? ORDER BY bison_id", run.id()))
                .extracting(r -> r.get("bison_id")).containsExactlyElementsOf(changed.stream().sorted().toList());
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ANY(?) AND daily_limit = 77",
                (Object) changed.toArray(Long[]::new))).isEqualTo(3);
        assertThat(db().row("SELECT updated, inserted, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Hooli'",
                run.id())).containsEntry("updated", 3).containsEntry("inserted", 0).containsEntry("deleted", 0);
    }

    @Test
    void accountsRemovedFromEmailBisonAreDeletedAfterACompleteRead() {
        runSync();
        SimWorkspace stark = simulator().instance("long-run").workspace("Stark Sales");
        long gone = stark.accountIds().get(5);
        stark.removeAccount(gone);

        SyncRun run = runSync();

        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ?", gone)).isZero();
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Stark Sales'")).isEqualTo(stark.size());
        assertThat(db().row("SELECT deleted, status FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Stark Sales'",
                run.id())).containsEntry("deleted", 1).containsEntry("status", "complete");
    }

    @Test
    void anAccountMovedToAnotherWorkspaceEndsUpInTheNewOneOnly() {
        runSync();
        SimInstance maverick = simulator().instance("maverick");
        SimWorkspace from = maverick.workspace("Acme Outreach");
        SimWorkspace to = maverick.workspace("Northwind Leads");
        long moved = from.accountIds().get(0);
        long cachedBefore = db().count("SELECT count(*) FROM email_accounts_cache");
        from.moveAccountTo(moved, to);

        runSync();

        assertThat(db().rows("SELECT workspace_name FROM email_accounts_cache WHERE bison_id = ? AND bison_instance = 'Maverick'", moved))
                .extracting(r -> r.get("workspace_name")).containsExactly("Northwind Leads");
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(cachedBefore);
    }

    @Test
    void aSuperAdminKeyNeverReadsTwoWorkspacesInterleaved() {
        String key = simulator().instance("maverick").superAdminKey();
        simulator().requests().clear();

        runSync();

        List<Long> order = SuperAdminReads.assertNeverInterleaved(simulator().requests().events(key));
        assertThat(order).hasSize(simulator().instance("maverick").workspaces().size()).doesNotHaveDuplicates();
    }
}
