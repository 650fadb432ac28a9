package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

/** A complete read that loses more than 10% of a workspace's accounts holds the deletions until confirmed. */
class MassDropGateTest extends SyncTestSupport {

    private static final String TOKEN = "ops-token-for-tests";

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.ops.token", TOKEN);
    }

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER)
                .workspace("Dropping", 100).workspace("Steady", 50).workspace("Shrinking", 60).build();
    }

    @Test
    void aMassDropIsHeldAsPendingDeletionThenAppliedWhenTheNextCompleteReadConfirmsIt() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        SimWorkspace dropping = simulator().instance("long-run").workspace("Dropping");
        List<Long> gone = dropping.accountIds().subList(0, 20);
        List.copyOf(gone).forEach(dropping::removeAccount);
        SimWorkspace steady = simulator().instance("long-run").workspace("Steady");
        steady.removeAccount(steady.accountIds().get(0)); // 2%: under the threshold, deleted at once

        SyncRun held = runSync();

        assertThat(held.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(db().row("SELECT status, held, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Dropping'",
                held.id())).containsEntry("status", "held").containsEntry("held", 20).containsEntry("deleted", 0);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Dropping'")).isEqualTo(100);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE sync_status = 'pending_deletion'")).isEqualTo(20);
        assertThat(db().row("SELECT status, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Steady'",
                held.id())).containsEntry("status", "complete").containsEntry("deleted", 1);
        assertThat(db().row("SELECT workspaces_failed FROM email_sync_logs WHERE id = ?", held.id()).get("workspaces_failed").toString())
                .contains("[Long Run] Dropping");

        SyncRun confirmed = runSync();

        assertThat(confirmed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().row("SELECT status, deleted FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Dropping'",
                confirmed.id())).containsEntry("status", "complete").containsEntry("deleted", 20);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Dropping'")).isEqualTo(80);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE sync_status = 'pending_deletion'")).isZero();
    }

    @Test
    void aHeldDropFiresTheDropAlertUntilAnOperatorConfirmsItThroughTheOpsApi() throws Exception {
        runSync();
        SimWorkspace shrinking = simulator().instance("long-run").workspace("Shrinking");
        List.copyOf(shrinking.accountIds().subList(0, 30)).forEach(shrinking::removeAccount);
        SyncRun held = runSync();
        assertThat(db().row("SELECT status FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Shrinking'",
                held.id())).containsEntry("status", "held");

        HealthCheck.Result alert = dropCheck().call();
        assertThat(alert.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(alert.getMessage()).get().asString().contains("[Long Run] Shrinking").contains("30 accounts");

        String body = "{\"instance\": \"Long Run\", \"workspaceId\": " + shrinking.id() + "}";
        assertThat(confirm(body, "wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<String> confirmed = confirm(body, TOKEN);

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("\"deleted\":30");
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Shrinking'")).isEqualTo(30);
        assertThat(dropCheck().call().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(confirm(body, TOKEN).statusCode()).as("nothing left to confirm").isEqualTo(404);
    }

    /** The account-drop check right after a refresh from PostgreSQL (what the alert check does). */
    private HealthCheck dropCheck() {
        io.bisonsync.ops.health.SyncCheck check = context.getRegistry().lookupByNameAndType("account-drop-health-check",
                io.bisonsync.ops.health.SyncCheck.class);
        check.refresh();
        return check;
    }

    private HttpResponse<String> confirm(String json, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort() + "/api/sync/held/confirm"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
