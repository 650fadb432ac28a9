package io.bisonsync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A run has a bound of its own: past bison.sync.run-timeout it stops and records every planned workspace. */
class RunTimeoutTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.agency(16, 30);
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.run-timeout", "5s");
    }

    @Test
    void aRunPastTheRunTimeoutStopsAndRecordsTheWorkspacesItNeverStartedAsNotRead() {
        // 16 workspaces of 3 requests at 150 ms: about 8 s or more, well past the 5 s run timeout
        simulator().faults().latency(Duration.ofMillis(150));

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.errorMessage()).contains("bison.sync.run-timeout");
        assertThat(run.workspaces()).hasSize(16);
        long notRead = db().count("SELECT count(*) FROM email_sync_workspace_results WHERE run_id = ? AND status = 'not_read'", run.id());
        long complete = db().count("SELECT count(*) FROM email_sync_workspace_results WHERE run_id = ? AND status = 'complete'", run.id());
        assertThat(notRead).isPositive();
        assertThat(complete).isPositive();
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE run_id = ?", run.id())).isEqualTo(16);
        Map<String, Object> log = db().row("SELECT status, workspaces_failed FROM email_sync_logs WHERE id = ?", run.id());
        assertThat(log).containsEntry("status", "partial");
        assertThat(log.get("workspaces_failed").toString()).contains("[Agency] Client 16");
        assertThat(db().row("SELECT error_message FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Client 16'",
                run.id()).get("error_message").toString()).startsWith("not read: stopped at bison.sync.run-timeout");
    }
}
