package io.bisonsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimulatorSettings;
import io.bisonsync.support.ChildApplication;
import io.bisonsync.support.Db;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The README's "Run against your instances", followed literally: its properties block as the only configuration file
 * (no shipped file under it), its secrets in the environment, the launcher in a child JVM with
 * {@code @config/jvm.options}, {@code --check} then {@code --once}. Only what points at real infrastructure is swapped:
 * the two base URLs and the key folder for the simulator's, the database URL and the role's password for a fresh
 * database owned by the recipe's user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealInstanceRecipeTest {

    @TempDir
    Path dir;

    private BisonSimulator simulator;
    private Path keyDir;
    private final List<ChildApplication> children = new ArrayList<>();

    @BeforeAll
    void startTheSimulator() throws Exception {
        keyDir = Files.createTempDirectory("bison-recipe-keys");
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
