package io.bisonsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimulatorSettings;
import io.bisonsync.support.Db;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.support.TestPostgres;
import io.bisonsync.simulator.SimInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.main.KameletMain;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainCommandLineSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The routes carry their own wiring (routes/bison-sync-beans.camel.yaml): on a team's own camel-main {@code Main} and
 * on KameletMain (the engine of {@code camel run}), with no configuration class and none of config/'s properties,
 * only the edges (where Email Bison and PostgreSQL are), the start-up run closes {@code success} and the ops API answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamelRuntimesTest {

    private BisonSimulator simulator;
    private Path keyDir;

    @BeforeAll
    void startEmailBison() throws Exception {
        keyDir = Files.createTempDirectory("bison-keys");
        simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(FleetSpec.demo()).withKeyDir(keyDir));
    }

    @AfterAll
    void stopEmailBison() {
        simulator.close();
    }

    @Test
    void aPlainCamelMainRunsTheRoutesAloneToASuccessfulRun() throws Exception {
        assertARunSucceedsOn(new Main());
    }

    @Test
    void kameletMainRunsTheRoutesAloneToASuccessfulRun() throws Exception {
        KameletMain main = new KameletMain("bison-sync");
        // what the test's classpath holds is what runs: no download of other versions
        main.setDownload(false);
        assertARunSucceedsOn(main);
    }

    private void assertARunSucceedsOn(MainCommandLineSupport main) throws Exception {
        Db db = new Db(TestPostgres.newDatabase());
        int opsPort = SyncTestSupport.freePort();
        main.configure().withRoutesIncludePattern("file:routes/*.camel.yaml");
        edges(db.url(), opsPort).forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        main.start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> db.count("SELECT count(*) FROM email_sync_logs WHERE status <> 'running'") > 0);

            assertThat(db.rows("SELECT status FROM email_sync_logs")).extracting(r -> r.get("status")).containsExactly("success");
            assertThat(db.count("SELECT count(*) FROM email_accounts_cache"))
                    .isEqualTo(simulator.instances().stream().mapToInt(SimInstance::totalAccounts).sum());
            HttpResponse<String> runs = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/api/sync/runs")).build(), BodyHandlers.ofString());
            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(runs.body()).contains("\"success\"");
        } finally {
            main.stop();
        }
    }

    /**
     * Only the edges: Email Bison's instances and keys, bison-sync's database, a free ops port, and no request pacing
     * (as in every test). Every other key, bison.* and camel.*, is the code's default.
     */
    private Properties edges(String dbUrl, int opsPort) {
        Properties all = SyncTestSupport.testOverrides(simulator, keyDir, dbUrl, opsPort);
        Properties edges = new Properties();
        all.stringPropertyNames().stream()
                .filter(key -> key.startsWith("bison.instance") || key.startsWith("bison.db.") || key.equals("bison.ops.port")
                        || key.equals("bison.http.requests-per-minute") || key.equals("bison.sync.page-delay"))
                .forEach(key -> edges.put(key, all.getProperty(key)));
        return edges;
    }
}
