package io.bisonsync.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FaultScope;
import io.bisonsync.simulator.Malformation;
import io.bisonsync.support.SyncTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workspace that fails keeps every row it had; the run is partial and the other workspaces are synced. */
class WorkspaceFailuresTest extends SyncTestSupport {

    @BeforeEach
    void everyWorkspaceWasSyncedOnce() {
        simulator().faults().reset();
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @AfterEach
    void healTheSimulator() {
        simulator().faults().reset();
    }

    @Test
    void aWorkspaceWhosePagesFailWith5xxBeyondRetriesKeepsItsRowsAndIsListedAsFailed() {
        FaultScope acme = scope("maverick", "Acme Outreach");
        removeOneAccount("maverick", "Acme Outreach"); // a complete read would delete it: a failed one must not
        simulator().faults().serverError(acme, 3, 503, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertFailedAndKept(run, "Acme Outreach", 120, "BisonApiException", "HTTP 503");
        assertThat(result(run, "Acme Outreach")).containsEntry("retries", 3);
        assertThat(db().row("SELECT workspaces_failed FROM email_sync_logs WHERE id = ?", run.id()).get("workspaces_failed").toString())
                .contains("[Maverick] Acme Outreach");
        assertThat(result(run, "Jason Binyon")).containsEntry("status", "complete");
        assertThat(result(run, "Hooli")).containsEntry("status", "complete");
    }

    @Test
    void aTransient5xxIsRetriedAndTheWorkspaceCompletes() {
        simulator().faults().serverError(scope("maverick", "Jason Binyon"), 5, 502, 2);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(result(run, "Jason Binyon")).containsEntry("status", "complete").containsEntry("retries", 2)
                .containsEntry("accounts_read", 433);
    }

    @Test
    void aRevokedKeyAnswering401IsNotRetriedAndKeepsItsRows() {
        removeOneAccount("long-run", "Hooli");
        simulator().faults().unauthorized(scope("long-run", "Hooli"));

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        // an api-user key that is refused fails at its workspace list: the lane is recorded, its rows stay
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Hooli'")).isEqualTo(212);
        Map<String, Object> failure = db().row("SELECT status, error_message, retries FROM email_sync_workspace_results"
                + " WHERE run_id = ? AND bison_instance = 'Long Run' AND status = 'failed'", run.id());
        assertThat(failure.get("error_message").toString()).contains("HTTP 401");
        assertThat(failure).containsEntry("retries", 0);
        assertThat(result(run, "Stark Sales")).containsEntry("status", "complete");
    }

    @Test
    void aMalformedPageFailsItsWorkspaceWithAClearMessageAndKeepsItsRows() {
        removeOneAccount("maverick", "Northwind Leads");
        simulator().faults().malformed(scope("maverick", "Northwind Leads"), 2, Malformation.HTML_200, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertFailedAndKept(run, "Northwind Leads", 58, "BisonApiException", "page 2 of [Maverick] Northwind Leads answered an HTML page");
        assertThat(result(run, "Northwind Leads")).containsEntry("retries", 0);
    }

    @Test
    void aFailedWorkspaceListFailsOnlyThatInstance() {
        simulator().faults().workspaceListError("maverick", 500);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_instance = 'Maverick'"))
                .isEqualTo(simulator().instance("maverick").totalAccounts());
        assertThat(db().row("SELECT status, workspace_id FROM email_sync_workspace_results WHERE run_id = ? AND bison_instance = 'Maverick'",
                run.id())).containsEntry("status", "failed").containsEntry("workspace_id", null);
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE run_id = ? AND bison_instance = 'Long Run'"
                + " AND status = 'complete'", run.id())).isEqualTo(3);
    }

    private void assertFailedAndKept(SyncRun run, String workspace, int rowsBefore, String errorClass, String message) {
        Map<String, Object> result = result(run, workspace);
        assertThat(result).containsEntry("status", "failed").containsEntry("deleted", 0).containsEntry("error_class", errorClass);
        assertThat(result.get("error_message").toString()).contains(message);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = ?", workspace)).isEqualTo(rowsBefore);
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }

    private FaultScope scope(String slug, String workspace) {
        return simulator().instance(slug).workspace(workspace).scope();
    }

    private void removeOneAccount(String slug, String workspace) {
        var ws = simulator().instance(slug).workspace(workspace);
        ws.removeAccount(ws.accountIds().get(0));
    }
}
