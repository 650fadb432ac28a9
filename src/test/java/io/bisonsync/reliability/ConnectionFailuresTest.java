package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

/** An instance whose host refuses connections is retried with backoff, then dead-lettered; the others sync. */
class ConnectionFailuresTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER).workspace("Reachable", 30).build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instances", "long-run,ghost");
        overrides.put("bison.instance.ghost.name", "Ghost");
        overrides.put("bison.instance.ghost.base-url", "http://127.0.0.1:" + closedPort());
        overrides.put("bison.instance.ghost.api-user-keys", "7|ghostkeyghostkeyghostkey");
        overrides.put("bison.http.max-retries", "2");
        overrides.put("bison.health.max-consecutive-workspace-failures", "1");
    }

    @Test
    void refusedConnectionsAreRetriedThenRecordedWhileTheOtherInstanceSyncs() {
        double retriesBefore = metricRetries("Ghost"); // the class's other test may have run first
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        Map<String, Object> ghost = db().row("SELECT status, retries, error_class, error_message FROM email_sync_workspace_results"
                + " WHERE run_id = ? AND bison_instance = 'Ghost'", run.id());
        assertThat(ghost).containsEntry("status", "failed");
        assertThat(ghost.get("error_class").toString()).endsWith("ConnectException");
        assertThat(ghost.get("error_message").toString()).contains("Connection refused");
        assertThat(db().row("SELECT status, accounts_read FROM email_sync_workspace_results WHERE run_id = ? AND bison_instance = 'Long Run'",
                run.id())).containsEntry("status", "complete").containsEntry("accounts_read", 30);
        assertThat(metricRetries("Ghost") - retriesBefore).isEqualTo(2);
    }

    private double metricRetries(String instance) {
        var registry = context.getRegistry().lookupByNameAndType("syncMetrics", io.bisonsync.metrics.SyncMetrics.class).registry();
        var counter = registry.find("bison_sync_retries_total").tag("bison_instance", instance).counter();
        return counter == null ? 0 : counter.count();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWorkspaceListThatKeepsFailingTripsTheWorkspaceFailuresAlertNamingTheKey() {
        runSync();
        runSync();

        io.bisonsync.ops.health.SyncCheck failures = context.getRegistry().lookupByNameAndType("workspace-failures-health-check",
                io.bisonsync.ops.health.SyncCheck.class);
        failures.refresh(); // what the alert check does every bison.alerts.check-interval
        HealthCheck.Result check = failures.call();

        assertThat(check.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(check.getMessage()).get().asString().contains("[Ghost] api-user key #1 (workspace list)");
    }
}
