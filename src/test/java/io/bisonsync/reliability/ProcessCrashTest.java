package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real application in its own JVM, killed with SIGKILL or stopped with SIGTERM mid-run: no workspace is left
 * half-applied, and the run log never stays "running".
 */
class ProcessCrashTest extends SyncTestSupport {

    private static final List<String> WORKSPACES = List.of("Alpha", "Beta", "Gamma");

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 150).workspace("Beta", 150)
                .instance("long-run", "Long Run", KeyMode.API_USER).workspace("Gamma", 150)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.heartbeat", "500ms");
    }

    @Test
    void aRunKilledWithSigkillLeavesNoHalfAppliedWorkspaceAndIsClosedAsAbandonedByTheNextRunAtOnce() throws Exception {
        Map<String, Long> before = syncedThenShrunk();
        slowDownBeta();
        Process child = startApplication();
        long runId = awaitRunWithOneWorkspaceDone();

        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);

        assertThat(db().row("SELECT status FROM email_sync_logs WHERE id = ?", runId)).containsEntry("status", "running");
        for (String ws : WORKSPACES) {
            // a workspace's rows and deletes commit in one transaction: all of them, or none
            assertThat(cached(ws)).as("rows of %s", ws).isIn(before.get(ws), (long) workspace(ws).size());
        }
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE run_id = ?", runId))
                .as("the kill came before the run finished").isLessThan(WORKSPACES.size());
        simulator().faults().reset();
        // the run lock went with the dead process's connection (PostgreSQL sees the socket close)
        await("the dead process's run lock is released").atMost(Duration.ofSeconds(60))
                .until(() -> db().count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") == 0);
        long foundDeadNotBefore = db().count("SELECT (extract(epoch FROM now()) * 1000)::bigint");

        SyncRun next = runSync();

        assertThat(next.status()).isEqualTo(RunStatus.SUCCESS);
        Map<String, Object> abandoned = db().row("SELECT status, error_message FROM email_sync_logs WHERE id = ?", runId);
        assertThat(abandoned).containsEntry("status", "abandoned");
        assertThat(abandoned.get("error_message").toString()).contains("the process stopped mid-run");
        // closed by the very next run, without waiting for bison.sync.stale-run-after, at the time it was found dead
        assertThat(db().count("SELECT count(*) FROM email_sync_logs WHERE id = ? AND completed_at >= to_timestamp(? / 1000.0)",
                runId, foundDeadNotBefore)).isEqualTo(1);
        WORKSPACES.forEach(ws -> assertThat(cached(ws)).isEqualTo(workspace(ws).size()));
    }

    @Test
    void sigtermStopsTheRunWithinTheShutdownTimeoutAndRecordsIt() throws Exception {
        syncedThenShrunk();
        slowDownBeta();
        Process child = startApplication();
        long runId = awaitRunWithOneWorkspaceDone();

        child.destroy(); // SIGTERM

        assertThat(child.waitFor(40, TimeUnit.SECONDS)).as("exited within the shutdown timeout").isTrue();
        Map<String, Object> run = db().row("SELECT status, error_message FROM email_sync_logs WHERE id = ?", runId);
        assertThat(run.get("status")).isIn("partial", "failed");
        assertThat(run.get("error_message").toString()).contains("interrupted by shutdown");
        assertThat(db().count("SELECT count(*) FROM email_sync_logs WHERE status = 'running'")).isZero();
    }

    /** Alpha and Gamma take about 1 s, Beta (read after Alpha on the super-admin key) about 8 s: the signal lands in Beta. */
    private void slowDownBeta() {
        simulator().faults().latency(Duration.ofMillis(100));
        simulator().faults().latency(workspace("Beta").scope(), Duration.ofMillis(700));
    }

    /** Syncs everything, then removes 5 accounts per workspace so that a complete read would delete them. */
    private Map<String, Long> syncedThenShrunk() {
        assertThat(runSync().status()).isIn(RunStatus.SUCCESS, RunStatus.PARTIAL);
        for (String ws : WORKSPACES) {
            SimWorkspace w = workspace(ws);
            List.copyOf(w.accountIds().subList(0, 5)).forEach(w::removeAccount);
        }
        return Map.of("Alpha", cached("Alpha"), "Beta", cached("Beta"), "Gamma", cached("Gamma"));
    }

    /** Polls the child's progress in the database: no latch can span JVMs. */
    private long awaitRunWithOneWorkspaceDone() {
        await("a workspace of the running run is done").atMost(Duration.ofSeconds(60)).until(() -> db().count(
                "SELECT count(*) FROM email_sync_workspace_results r JOIN email_sync_logs l ON l.id = r.run_id WHERE l.status = 'running'") > 0);
        return db().count("SELECT id FROM email_sync_logs WHERE status = 'running'");
    }

    /** The application in a child JVM, configured like this test's application, running one sync. */
    private Process startApplication() throws IOException {
        Properties p = useOverridePropertiesWithPropertiesComponent();
        p.put("camel.main.shutdown-timeout", "20");
        return startChild(p, List.of(), "--once").process();
    }

    private SimWorkspace workspace(String name) {
        return simulator().instances().stream().flatMap(i -> i.workspaces().stream()).filter(w -> w.name().equals(name))
                .findFirst().orElseThrow();
    }

    private long cached(String workspace) {
        return db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = ?", workspace);
    }
}
