package io.bisonsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimulatorSettings;
import io.bisonsync.support.Db;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an operator meets it: BisonSyncApp's own entry (the one the jar runs) with the shipped
 * configuration plus a test's overrides, a simulator over HTTP and a fresh real PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineAppTest {

    @TempDir
    Path dir;

    private BisonSimulator simulator;
    private Path keyDir;

    /** One run of the application: exit code and what it printed on each stream. */
    record Outcome(int exit, String out, String err) {
    }

    @BeforeAll
    void startTheSimulator() throws Exception {
        keyDir = Files.createTempDirectory("bison-cli-keys");
        simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(FleetSpec.demo()).withKeyDir(keyDir));
    }

    @AfterAll
    void stopTheSimulator() {
        simulator.close();
    }

    private Outcome run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BisonSyncApp.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).code();
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The shipped configuration pointed at this class's simulator and a fresh database, plus {@code extra}. */
    private Path config(Db db, Map<String, String> extra) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bison.simulator.enabled", "false");
        p.put("bison.db.url", db.url());
        p.put("bison.db.user", "postgres");
        p.put("bison.http.requests-per-minute", "0");
        p.put("bison.sync.page-delay", "0ms");
        p.put("bison.instance.maverick.base-url", simulator.baseUrl("maverick"));
        p.put("bison.instance.maverick.super-admin-key-file", keyDir.resolve("maverick.key").toString());
        p.put("bison.instance.long-run.base-url", simulator.baseUrl("long-run"));
        p.put("bison.instance.long-run.api-user-key-files", keyDir.resolve("long-run-*.key").toString());
        p.putAll(extra);
        StringBuilder text = new StringBuilder(Files.readString(Path.of("config/application.properties"))).append('\n');
        p.forEach((k, v) -> text.append(k).append(" = ").append(v.replace("\\", "\\\\")).append('\n'));
        Path file = Files.createTempFile(dir, "application", ".properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aMisspeltFlagStopsWithOneLineNamingItThenTheUsageAndExit2() throws Exception {
        Outcome outcome = run("--onse");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().lines().findFirst()).hasValue("bison-sync: unknown option '--onse' (did you mean --once?)");
        assertThat(outcome.err()).contains("usage: java -jar bison-sync.jar").contains("--once").contains("--check");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndVersionTheVersionsBothExiting0() throws Exception {
        Outcome help = run("--help");
        Outcome version = run("--version");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("usage: java -jar bison-sync.jar").contains("--verbose").contains("camel-main options");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("bison-sync ").contains("Apache Camel 4.18.0").contains("Java 17");
    }

    @Test
    void aDurationWithASpaceIsOneLineNamingTheKeyAndExit2InsteadOfACamelStackTrace() throws Exception {
        Outcome outcome = run("--once", "--config", config(new Db(TestPostgres.newDatabase()), Map.of("bison.alerts.check-interval", "30 s")).toString());

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("bison-sync: Configuration key 'bison.alerts.check-interval': '30 s' is not a duration;"
                + " use a number directly followed by ms, s, m, h or d (e.g. 45s)");
    }

    @Test
    void checkProbesEveryInstancesKeysWithoutSyncingAndNamesARevokedKey() throws Exception {
        Db db = new Db(TestPostgres.newDatabase());
        Path config = config(db, Map.of());

        Outcome fine = run("--check", "--config", config.toString());

        assertThat(fine.exit()).isZero();
        assertThat(fine.out().lines()).contains("bison-sync: configuration valid, database reachable; probing 2 instance(s)",
                "Maverick: OK, super-admin key accepted, 5 workspaces to sync (" + simulator.baseUrl("maverick") + ")",
                "Long Run: OK, 3 api-user keys accepted, 3 workspaces to sync (" + simulator.baseUrl("long-run") + ")");
        assertThat(db.count("SELECT count(*) FROM email_sync_logs")).as("no sync run").isZero();
        assertThat(simulator.requests().total()).isPositive();

        long hooli = simulator.instance("long-run").workspace("Hooli").id();
        simulator.faults().unauthorized(io.bisonsync.simulator.FaultScope.workspace("long-run", hooli));
        try (LogCapture log = new LogCapture()) {
            Outcome revoked = run("--check", "--config", config.toString());

            assertThat(log.text()).as("a later start names the schema's version").containsPattern("Database schema at version [1-9][0-9_.]* \\(0 migrations applied now\\)");

            assertThat(revoked.exit()).isEqualTo(1);
            assertThat(revoked.out().lines().filter(l -> l.startsWith("Long Run: ")).toList()).singleElement().asString()
                    .matches("Long Run: FAILED, api-user key #\\d refused by GET /api/users \\(HTTP 401: revoked or wrong key\\)");
            assertThat(revoked.out()).contains("Maverick: OK");
            for (String key : Files.readAllLines(keyDir.resolve("maverick.key"))) {
                assertThat(revoked.out() + revoked.err()).doesNotContain(key.strip());
            }
        } finally {
            simulator.faults().reset();
        }
        assertThat(db.count("SELECT count(*) FROM email_sync_logs")).isZero();
    }

    @Test
    void onceSyncsBesideAServiceHoldingTheOpsAndManagementPortsAndExits0() throws Exception {
        try (ServerSocket ops = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            Db db = new Db(TestPostgres.newDatabase());
            Path config = config(db, Map.of("bison.ops.port", Integer.toString(ops.getLocalPort()),
                    "camel.management.port", Integer.toString(management.getLocalPort()),
                    "bison.alerts.webhook-url", "http://127.0.0.1:9/hook"));

            Outcome outcome;
            try (LogCapture log = new LogCapture()) {
                outcome = run("--once", "--config", config.toString());

                assertThat(log.text()).contains("Alert notifier off for --once (webhook set)").doesNotContain("webhook-url is not set")
                        .doesNotContain("127.0.0.1:9");
            }

            assertThat(outcome.exit()).isZero();
            assertThat(outcome.err()).doesNotContain("Exception");
            assertThat(db.row("SELECT status, total_accounts_fetched FROM email_sync_logs")).containsEntry("status", "success")
                    .containsEntry("total_accounts_fetched", 966);
        }
    }

    @Test
    void theServiceStopsWithOneLineAndExit4WhenItsOpsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();
            Path config = config(new Db(TestPostgres.newDatabase()), Map.of("bison.ops.port", Integer.toString(port),
                    "camel.management.enabled", "false"));

            Outcome outcome = run("--config", config.toString());

            assertThat(outcome.exit()).isEqualTo(4);
            assertThat(outcome.err().strip()).startsWith("bison-sync: port " + port + " (bison.ops.port) cannot be bound on 127.0.0.1: ")
                    .contains("is another bison-sync running?").doesNotContain("\n");
        }
    }
}
