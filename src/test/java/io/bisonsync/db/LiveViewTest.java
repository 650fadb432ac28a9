package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * email_accounts_live (V8): an unchanged re-sync rewrites none of its rows and its refresh is skipped, while every
 * change a run makes, and a workspace leaving the live window, still reaches it.
 */
class LiveViewTest extends SyncTestSupport {

    // a row version rewritten by REFRESH ... CONCURRENTLY gets a new xmin
    private static final String VERSIONS = "SELECT bison_instance, bison_id, xmin::text AS version FROM email_accounts_live ORDER BY 1, 2";

    @Test
    void anUnchangedReSyncRewritesNoRowOfTheLiveView() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        List<Map<String, Object>> before = db().rows(VERSIONS);

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        assertThat(db().rows(VERSIONS)).hasSize(1093).isEqualTo(before);
    }

    @Test
    void changedDeletedAndAddedAccountsReachTheLiveViewAfterTheRun() {
        runSync();
        SimWorkspace hooli = simulator().instance("long-run").workspace("Hooli");
        long changed = hooli.accountIds().get(0);
        long removed = hooli.accountIds().get(1);
        hooli.updateField(changed, "daily_limit", 77);
        hooli.removeAccount(removed);
        long added = hooli.addAccounts(1).get(0);

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        assertThat(db().count("SELECT count(*) FROM email_accounts_live WHERE bison_id = ? AND daily_limit = 77", changed)).isEqualTo(1);
        assertThat(db().count("SELECT count(*) FROM email_accounts_live WHERE bison_id = ?", removed)).isZero();
        assertThat(db().count("SELECT count(*) FROM email_accounts_live WHERE bison_id = ?", added)).isEqualTo(1);
        assertThat(db().count("SELECT count(*) FROM email_accounts_live")).isEqualTo(1093);
    }

    @Test
    void aWorkspaceWhoseLastCompleteReadLeftTheLiveWindowLeavesTheViewAtTheNextRefreshWithoutAnyAccountChange() {
        runSync();
        db().execute("UPDATE email_sync_workspace_state SET last_success_at = now() - interval '3 hours'"
                + " WHERE workspace_name = 'Jason Binyon'");

        db().execute("SELECT refresh_email_accounts_live()");

        assertThat(db().count("SELECT count(*) FROM email_accounts_live WHERE workspace_name = 'Jason Binyon'")).isZero();
        assertThat(db().count("SELECT count(*) FROM email_accounts_live")).isEqualTo(1093 - 433);
    }
}
