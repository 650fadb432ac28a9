package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.sync.SyncRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A complete read that loses more than 10% of a workspace's accounts holds the deletions until confirmed. */
class MassDropGateTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER)
                .workspace("Dropping", 100).workspace("Steady", 50).build();
    }

    @Test
    void aMassDropIsHeldAsPendingDeletionThenAppliedWhenTheNextCompleteReadConfirmsIt() {
        assertThat(runSync().status()).isEqualTo("success");
        SimWorkspace dropping = simulator().instance("long-run").workspace("Dropping");
        List<Long> gone = dropping.accountIds().subList(0, 20);
        List.copyOf(gone).forEach(dropping::removeAccount);
        SimWorkspace steady = simulator().instance("long-run").workspace("Steady");
        steady.removeAccount(steady.accountIds().get(0)); // 2%: under the threshold, deleted at once

        SyncRun held = runSync();

        assertThat(held.status()).isEqualTo("partial");
        assertThat(db().row("SELECT status, held, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Dropping'",
                held.id())).containsEntry("status", "held").containsEntry("held", 20).containsEntry("deleted", 0);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Dropping'")).isEqualTo(100);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE sync_status = 'pending_deletion'")).isEqualTo(20);
        assertThat(db().row("SELECT status, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Steady'",
                held.id())).containsEntry("status", "complete").containsEntry("deleted", 1);
        assertThat(db().row("SELECT workspaces_failed FROM email_sync_logs WHERE id = ?", held.id()).get("workspaces_failed").toString())
                .contains("[Long Run] Dropping");

        SyncRun confirmed = runSync();

        assertThat(confirmed.status()).isEqualTo("success");
        assertThat(db().row("SELECT status, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Dropping'",
                confirmed.id())).containsEntry("status", "complete").containsEntry("deleted", 20);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Dropping'")).isEqualTo(80);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE sync_status = 'pending_deletion'")).isZero();
    }
}
