package io.bisonsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimulatorSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * bison-sync's routes and library jar in a Camel Spring Boot application that has its own DataSource (to a second
 * database): the start-up run closes success in bison-sync's database, nothing of bison-sync lands in the host's,
 * the host's /actuator/prometheus carries bison-sync's metrics and the ops API answers on the host's server under its
 * access rule (tokens from the Authorization header only).
 */
@SpringBootTest(classes = HostApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
// Spring Boot tests export no metrics unless asked: the host's Prometheus registry, as in production
@AutoConfigureObservability
class BisonSyncOnSpringBootTest {

    private static final String OPS_TOKEN = "it-ops-token-1";
    private static final String READ_TOKEN = "it-read-token-1";

    private static EmbeddedPostgres postgres;
    private static BisonSimulator simulator;
    private static String hostUrl;
    private static String bisonUrl;

    @LocalServerPort
    int port;

    @Autowired
    DataSource hostsDataSource;

    @DynamicPropertySource
    static void edges(DynamicPropertyRegistry properties) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        hostUrl = newDatabase("host");
        bisonUrl = newDatabase("bison");
        Path keyDir = Files.createTempDirectory("bison-keys");
        simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(FleetSpec.demo()).withKeyDir(keyDir));

        properties.add("spring.datasource.url", () -> hostUrl);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("camel.main.routes-include-pattern", () -> "file:../../../routes/*.camel.yaml");
        // bison-sync's flyway-core switches Spring Boot's Flyway on for the host's DataSource: a host without
        // migrations of its own turns it off, as the README says (bison-sync migrates its own database itself)
        properties.add("spring.flyway.enabled", () -> "false");
        properties.add("management.endpoints.web.exposure.include", () -> "health,prometheus");
        properties.add("bison.db.url", () -> bisonUrl);
        properties.add("bison.db.user", () -> "postgres");
        properties.add("bison.http.requests-per-minute", () -> "0");
        properties.add("bison.sync.page-delay", () -> "0ms");
        properties.add("bison.ops.token", () -> OPS_TOKEN);
        properties.add("bison.ops.read-token", () -> READ_TOKEN);
        List<String> ids = new ArrayList<>();
        for (SimInstance instance : simulator.instances()) {
            String prefix = "bison.instance." + instance.slug() + ".";
            ids.add(instance.slug());
            properties.add(prefix + "name", instance::name);
            properties.add(prefix + "base-url", () -> simulator.baseUrl(instance.slug()));
            // a mixed-credential instance (the demo's Cobalt) has both
            if (instance.keyMode() != KeyMode.API_USER) {
                properties.add(prefix + "super-admin-key-file", () -> keyDir.resolve(instance.slug() + ".key").toString());
            }
            if (instance.keyMode() != KeyMode.SUPER_ADMIN) {
                properties.add(prefix + "api-user-key-files", () -> keyDir.resolve(instance.slug() + "-*.key").toString());
            }
        }
        properties.add("bison.instances", () -> String.join(",", ids));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        postgres.close();
    }

    @Test
    void theStartUpRunSucceedsInBisonSyncsDatabaseAndNothingOfItLandsInTheHosts() throws Exception {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> count(bisonUrl, "SELECT count(*) FROM email_sync_logs WHERE status <> 'running'") > 0);

        // the start-up run (the access test's manual run may be there too)
        assertThat(strings(bisonUrl, "SELECT status FROM email_sync_logs WHERE trigger = 'startup'")).containsExactly("success");
        assertThat(count(bisonUrl, "SELECT count(*) FROM email_accounts_cache"))
                .isEqualTo(simulator.instances().stream().mapToInt(SimInstance::totalAccounts).sum());
        try (Connection c = hostsDataSource.getConnection()) {
            assertThat(c.getMetaData().getURL()).isEqualTo(hostUrl);
        }
        assertThat(strings(hostUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"))
                .isEmpty();
        assertThat(strings(hostUrl, "SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'public'")).isEmpty();
    }

    @Test
    void theHostsPrometheusEndpointCarriesBisonSyncsMetrics() throws Exception {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> count(bisonUrl, "SELECT count(*) FROM email_sync_logs WHERE status <> 'running'") > 0);

        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("bison_sync_runs_total");
    }

    @Test
    void theOpsApiAnswersOnTheHostsServer() throws Exception {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> count(bisonUrl, "SELECT count(*) FROM email_sync_logs WHERE status <> 'running'") > 0);

        HttpResponse<String> runs = get("/api/sync/runs", "Bearer " + READ_TOKEN);

        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).contains("\"success\"");
    }

    @Test
    void theOpsApisAccessRuleHoldsOnTheHostsServer() throws Exception {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> count(bisonUrl, "SELECT count(*) FROM email_sync_logs WHERE status <> 'running'") > 0);
        long runs = count(bisonUrl, "SELECT count(*) FROM email_sync_logs");

        HttpResponse<String> none = post("/api/sync", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"error\"").doesNotContain(OPS_TOKEN);
        assertThat(post("/api/sync", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post("/api/sync", "Bearer " + READ_TOKEN).statusCode()).isEqualTo(401);
        // platform-http copies query parameters into Camel headers: never a token
        assertThat(post("/api/sync?Authorization=Bearer%20" + OPS_TOKEN, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/sync?authorization=Bearer%20" + OPS_TOKEN, null).statusCode()).isEqualTo(401);
        assertThat(count(bisonUrl, "SELECT count(*) FROM email_sync_logs")).as("no run opened by a refused request").isEqualTo(runs);

        HttpResponse<String> right = post("/api/sync", "Bearer " + OPS_TOKEN);
        assertThat(right.statusCode()).as(right.body()).isIn(202, 409);
        await().atMost(Duration.ofMinutes(2)).until(() -> count(bisonUrl, "SELECT count(*) FROM email_sync_logs WHERE status = 'running'") == 0);

        assertThat(get("/api/sync/runs").statusCode()).isEqualTo(401);
        assertThat(get("/api/sync/runs", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/sync/runs?Authorization=Bearer%20" + READ_TOKEN).statusCode()).isEqualTo(401);
        assertThat(get("/api/sync/runs", "Bearer " + READ_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/sync/runs", "Bearer " + OPS_TOKEN).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newDatabase(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> strings(String url, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
