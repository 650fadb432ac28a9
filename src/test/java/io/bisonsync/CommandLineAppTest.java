package io.bisonsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimulatorSettings;
import io.bisonsync.support.ChildApplication;
import io.bisonsync.support.Db;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an operator meets it: BisonSyncApp's own entry (the one the jar runs) with the shipped
 * configuration plus a test's overrides, a simulator over HTTP and a fresh real PostgreSQL; and the README's "Run
 * against your instances" followed literally: its properties block as the only configuration file (no shipped file
 * under it), its secrets in the environment, the launcher in a child JVM with {@code @config/jvm.options},
 * {@code --check} then {@code --once}. Only what points at real infrastructure is swapped: the two base URLs and the
 * key folder for the simulator's, the database URL and the role's password for a fresh database owned by the
 * recipe's user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineAppTest {

    @TempDir
    Path dir;

    private BisonSimulator simulator;
    private Path keyDir;
    private final List<ChildApplication> children = new ArrayList<>();

    /** One run of the application: exit code and what it printed on each stream. */
    record Outcome(int exit, String out, String err) {
    }

    @BeforeAll
    void startTheSimulator() throws Exception {
        keyDir = Files.createTempDirectory("bison-cli-keys");
        simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(FleetSpec.demo()).withKeyDir(keyDir));
    }

    @AfterEach
    void stopTheChildren() {
        children.forEach(ChildApplication::close);
        children.clear();
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
        p.put("bison.instance.cobalt.base-url", simulator.baseUrl("cobalt"));
        p.put("bison.instance.cobalt.super-admin-key-file", keyDir.resolve("cobalt.key").toString());
        p.put("bison.instance.cobalt.api-user-key-files", keyDir.resolve("cobalt-*.key").toString());
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
        assertThat(fine.out().lines()).contains("bison-sync: configuration valid, database reachable; probing 3 instance(s)",
                "Maverick: OK, super-admin key accepted, 5 workspaces to sync (" + simulator.baseUrl("maverick") + ")",
                "Long Run: OK, 3 api-user keys accepted, 3 workspaces to sync (" + simulator.baseUrl("long-run") + ")",
                "Cobalt: OK, super-admin key and 2 api-user keys accepted, 3 workspaces to sync (" + simulator.baseUrl("cobalt") + ")");
        assertThat(db.count("SELECT count(*) FROM email_sync_logs")).as("no sync run").isZero();
        assertThat(simulator.requests().total()).isPositive();

        long hooli = simulator.instance("long-run").workspace("Hooli").id();
        simulator.faults().unauthorized(io.bisonsync.simulator.FaultScope.workspace("long-run", hooli));
        // a mixed instance: its api-user keys are probed too, not only its super-admin key
        long soylent = simulator.instance("cobalt").workspace("Soylent").id();
        simulator.faults().unauthorized(io.bisonsync.simulator.FaultScope.workspace("cobalt", soylent));
        try (LogCapture log = new LogCapture()) {
            Outcome revoked = run("--check", "--config", config.toString());

            assertThat(log.text()).as("a later start names the schema's version").containsPattern("Database schema at version [1-9][0-9_.]* \\(0 migrations applied now\\)");

            assertThat(revoked.exit()).isEqualTo(1);
            assertThat(revoked.out().lines().filter(l -> l.startsWith("Long Run: ")).toList()).singleElement().asString()
                    .matches("Long Run: FAILED, api-user key #\\d refused by GET /api/users \\(HTTP 401: revoked or wrong key\\)");
            assertThat(revoked.out().lines().filter(l -> l.startsWith("Cobalt: ")).toList()).singleElement().asString()
                    .matches("Cobalt: FAILED, api-user key #\\d refused by GET /api/users \\(HTTP 401: revoked or wrong key\\)");
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
                    .containsEntry("total_accounts_fetched", 1093);
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

    /** The first properties block of the README's section "Run against your instances", as written. */
    private static String recipe() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("\n## Run against your instances"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        String block = section.substring(section.indexOf("```properties") + "```properties".length());
        return block.substring(0, block.indexOf("```")).replaceAll("(?m)^ +", "");
    }

    /** A fresh database owned by the recipe's user {@code bison}, with the password given in the environment. */
    private static String databaseOwnedByBison() {
        String url = TestPostgres.newDatabase();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        Db admin = new Db(url);
        admin.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bison') THEN"
                + " CREATE ROLE bison LOGIN PASSWORD 'recipe-password'; END IF; END $$");
        admin.execute("ALTER DATABASE " + name + " OWNER TO bison");
        admin.execute("ALTER SCHEMA public OWNER TO bison");
        return url.replaceFirst("\\?.*", "");
    }

    private ChildApplication start(Path config, Map<String, String> environment, String... args) {
        ChildApplication child = ChildApplication.startStandalone(config, List.of("@config/jvm.options"), environment, args);
        children.add(child);
        return child;
    }

    private static int exitOf(ChildApplication child) throws InterruptedException {
        assertThat(child.process().waitFor(3, TimeUnit.MINUTES)).as("exited; output:%n%s", child.output()).isTrue();
        return child.process().exitValue();
    }

    @Test
    void theRecipesOwnFileChecksEveryKeyThenSyncsOnceAndClosesTheRun() throws Exception {
        String recipe = recipe();
        assertThat(recipe).contains("bison.instance.maverick.base-url = https://send.youragency.com")
                .doesNotContain("routes").doesNotContain("camel.");
        Path config = dir.resolve("application.properties");
        Files.writeString(config, recipe
                .replace("https://send.youragency.com", simulator.baseUrl("maverick"))
                .replace("https://dedi.emailbison.com", simulator.baseUrl("long-run"))
                .replace("/run/secrets/long-run-*.key", keyDir.resolve("long-run-*.key").toString()));
        String dbUrl = databaseOwnedByBison();
        Map<String, String> environment = Map.of("BISON_DB_URL", dbUrl, "BISON_DB_PASSWORD", "recipe-password",
                "MAVERICK_SUPER_ADMIN_KEY", Files.readString(keyDir.resolve("maverick.key")).strip());

        ChildApplication check = start(config, environment, "--check");

        assertThat(exitOf(check)).as("--check exit; output:%n%s", check.output()).isZero();
        assertThat(check.output()).contains("Maverick: OK, super-admin key accepted, 5 workspaces to sync")
                .contains("Long Run: OK, 3 api-user keys accepted, 3 workspaces to sync");

        ChildApplication once = start(config, environment, "--once");

        assertThat(exitOf(once)).as("--once exit; output:%n%s", once.output()).isZero();
        // the recipe names two instances (Maverick and Long Run): the demo fleet without Cobalt
        assertThat(once.output()).contains("finished: SUCCESS, 966 accounts from 8 workspaces");
        Db db = new Db(dbUrl);
        assertThat(db.rows("SELECT status, total_accounts_fetched FROM email_sync_logs"))
                .containsExactly(Map.of("status", "success", "total_accounts_fetched", 966));
        assertThat(db.count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(966);
    }

    @Test
    void aServiceWhoseRoutesLocationHoldsNoSyncRouteRefusesToStartWithOneLineNamingIt() throws Exception {
        Path noRoutes = Files.createDirectories(dir.resolve("elsewhere/routes"));
        Path config = dir.resolve("no-routes.properties");
        Files.writeString(config, String.join("\n",
                "bison.instances = maverick",
                "bison.instance.maverick.name = Maverick",
                "bison.instance.maverick.base-url = " + simulator.baseUrl("maverick"),
                "bison.instance.maverick.super-admin-key-file = " + keyDir.resolve("maverick.key"),
                "bison.db.url = " + TestPostgres.newDatabase().replaceFirst("\\?.*", ""),
                "bison.db.user = " + TestPostgres.USER,
                "bison.ops.port = " + SyncTestSupport.freePort(),
                "camel.management.port = " + SyncTestSupport.freePort(),
                "camel.main.routes-include-pattern = file:" + noRoutes + "/*.camel.yaml", ""));

        ChildApplication service = start(config, Map.of());

        assertThat(exitOf(service)).as("exit; output:%n%s", service.output()).isEqualTo(2);
        assertThat(service.output().strip().lines().reduce((first, second) -> second)).hasValue("bison-sync: Configuration key"
                + " 'camel.main.routes-include-pattern': no route 'sync-run' in 'file:" + noRoutes + "/*.camel.yaml' (working directory "
                + Path.of("").toAbsolutePath() + "); run from the folder that holds routes/, or set CAMEL_MAIN_ROUTES_INCLUDE_PATTERN to"
                + " where the *.camel.yaml files are");
    }
}
