package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.Db;
import io.bisonsync.support.SyncTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL lost in the middle of a run: the run ends with the reason, nothing stored is lost, the next run heals. */
class DatabaseOutageTest extends SyncTestSupport {

    private EmbeddedPostgres server;
    private Path dataDir;
    private int port;
    private Db db;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("maverick", "Maverick", KeyMode.SUPER_ADMIN)
                .workspace("Alpha", 150).workspace("Beta", 150).workspace("Gamma", 150).build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.stale-run-after", "1s");
        overrides.put("bison.sync.heartbeat", "500ms");
    }

    /** This class's own server, which the test stops and starts again. */
    @Override
    protected Db db() {
        if (db == null) {
            try {
                dataDir = Files.createTempDirectory("bison-outage-pg");
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                startServer();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE outage");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            db = new Db(server.getJdbcUrl("postgres", "outage"));
        }
        return db;
    }

    private void startServer() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    @AfterAll
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void aRunThatLosesTheDatabaseEndsWithTheReasonAndTheNextRunSucceedsWithoutHelp() throws Exception {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        long cached = db().count("SELECT count(*) FROM email_accounts_cache");
        simulator().faults().latency(Duration.ofMillis(100));
        CompletableFuture<Exchange> running = template.asyncSend("direct:sync-run", e -> e.getMessage().setHeader("bisonTrigger", "manual"));
        long runId = awaitFirstWorkspaceOfANewRun();

        server.close(); // the database goes away mid-run
        SyncRun lost = running.get(90, TimeUnit.SECONDS).getProperty(SyncProperties.RUN, SyncRun.class);

        assertThat(lost.status()).isEqualTo(RunStatus.FAILED);
        assertThat(lost.errorMessage()).contains("database unreachable");
        assertThat(lost.workspaces()).as("every planned workspace is recorded, read or not").hasSize(3);
        startServer();
        simulator().faults().reset();

        SyncRun healed = runSync();

        assertThat(healed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(cached);
        // the lost run could not close itself; the next run wrote its final row
        Map<String, Object> lostRow = db().row("SELECT status, error_message, workspaces_failed FROM email_sync_logs WHERE id = ?", runId);
        assertThat(lostRow).containsEntry("status", "failed");
        assertThat(lostRow.get("workspaces_failed").toString()).contains("[Maverick] Beta").contains("[Maverick] Gamma");
        assertThat(lostRow.get("error_message").toString()).contains("database unreachable");
    }

    /** The run is on other threads and its progress is only visible in the database. */
    private long awaitFirstWorkspaceOfANewRun() {
        var rows = await("a workspace of a new run finished").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> db().rows("SELECT l.id FROM email_sync_logs l JOIN email_sync_workspace_results r ON r.run_id = l.id"
                        + " WHERE l.status = 'running'"), found -> !found.isEmpty());
        return ((Number) rows.get(0).get("id")).longValue();
    }
}
