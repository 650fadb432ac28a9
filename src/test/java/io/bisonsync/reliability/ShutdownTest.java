package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.ChildApplication;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real application in its own JVM, with an API that does not let go: SIGTERM abandons the request in flight at
 * once and the run is recorded, and the documented start command's -XX:+ExitOnOutOfMemoryError ends a process that
 * ran out of memory, so the next start closes its run as abandoned.
 */
class ShutdownTest extends SyncTestSupport {


    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 30).workspace("Beta", 60)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.heartbeat", "500ms");
        overrides.put("bison.sync.stale-run-after", "2s");
    }

    @Test
    void sigtermWhileAPageHangsAbandonsTheRequestRecordsTheRunAndExitsWithTheRunsCode() throws Exception {
        SimWorkspace beta = simulator().instance("maverick").workspace("Beta");
        simulator().faults().hang(beta.scope(), 2);
        Properties p = childConfiguration();
        // without abandoning, the hanging page would hold the run three times longer than the shutdown timeout
        p.put("bison.http.read-timeout", "60s");
        ChildApplication child = startChild(p, List.of(), "--once");
        // polling another process's progress: no latch spans JVMs
        await("page 2 of Beta hangs").atMost(Duration.ofSeconds(60)).until(() -> simulator().requests().events().stream()
                .anyMatch(e -> e.status() == 0 && Integer.valueOf(2).equals(e.page())));
        long runId = db().count("SELECT id FROM email_sync_logs WHERE status = 'running'");

        child.process().destroy(); // SIGTERM

        assertThat(child.process().waitFor(40, TimeUnit.SECONDS)).as("exited within the shutdown timeout").isTrue();
        assertThat(child.process().exitValue()).as("the run's code, not 143: " + child.output()).isEqualTo(1);
        Map<String, Object> run = db().row("SELECT status, error_message FROM email_sync_logs WHERE id = ?", runId);
        assertThat(run.get("status")).isIn("partial", "failed");
        assertThat(run.get("error_message").toString()).contains("interrupted by shutdown");
        assertThat(db().row("SELECT status, retries FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = 'Beta'",
                runId)).as("abandoned, not retried").containsEntry("status", "failed").containsEntry("retries", 0);
    }

    @Test
    void aProcessThatRunsOutOfMemoryEndsAndItsRunIsClosedAsAbandonedByTheNextStart() throws Exception {
        SimWorkspace beta = simulator().instance("maverick").workspace("Beta");
        simulator().faults().oversized(beta.scope(), 1, 160 * 1024 * 1024);
        Properties p = childConfiguration();
        p.put("bison.http.max-response-size", "2000MB"); // an operator who lifted the limit
        p.put("bison.http.read-timeout", "60s");
        ChildApplication child = startChild(p, List.of("-Xmx48m", "-XX:+ExitOnOutOfMemoryError"), "--once");

        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
        assertThat(child.process().exitValue()).as(child.output()).isEqualTo(3);
        assertThat(child.output()).contains("java.lang.OutOfMemoryError");
        long runId = db().count("SELECT max(id) FROM email_sync_logs");
        assertThat(db().row("SELECT status FROM email_sync_logs WHERE id = ?", runId)).containsEntry("status", "running");
        simulator().faults().reset();
        await("the dead run's heartbeat is older than 2 s").atMost(Duration.ofSeconds(60)).until(() -> db().count(
                "SELECT count(*) FROM email_sync_logs WHERE id = ? AND heartbeat_at < now() - interval '2 seconds'", runId) == 1);

        SyncRun next = runSync();

        assertThat(next.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().row("SELECT status FROM email_sync_logs WHERE id = ?", runId)).containsEntry("status", "abandoned");
    }

    private Properties childConfiguration() {
        Properties p = new Properties();
        p.putAll(useOverridePropertiesWithPropertiesComponent());
        p.put("camel.main.shutdown-timeout", "20");
        p.put("bison.http.max-retries", "3");
        return p;
    }
}
