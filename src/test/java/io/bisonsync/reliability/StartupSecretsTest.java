package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.support.SyncTestSupport;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real application in its own JVM, its root logger at DEBUG, with a secret given every way the configuration
 * supports: in the file, through {{env:NAME}}, as an environment override of the key, as -D, and as a password
 * inside the JDBC URL. Everything it prints from its first line to its exit is searched for them.
 */
class StartupSecretsTest extends SyncTestSupport {

    private static final String FILE_TOKEN = "OpsToken-InTheFile-7Qx";
    private static final String ENV_PLACEHOLDER_HOOK = "HookPath-ViaEnvPlaceholder-9Zk";
    private static final String DB_PASSWORD = "DbPassword-ViaEnvPlaceholder-3Mn";
    private static final String URL_PASSWORD = "UrlPassword-InsideJdbcUrl-5Rt";
    private static final String READ_TOKEN = "ReadToken-ViaSystemProperty-2Wp";

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 20)
                .instance("long-run", "Long Run", KeyMode.API_USER).workspace("Gamma", 20).workspace("Delta", 20)
                .build();
    }

    @Test
    void noSecretAppearsInAnyLineTheProcessPrintsFromStartUpToExit() throws Exception {
        SimInstance maverick = simulator().instance("maverick");
        SimInstance longRun = simulator().instance("long-run");
        String adminKey = maverick.superAdminKey();
        List<String> userKeys = longRun.workspaces().stream().map(w -> longRun.apiUserKey(w.id())).toList();

        Path dir = Files.createTempDirectory("bison-secrets");
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            p.load(in);
        }
        p.putAll(useOverridePropertiesWithPropertiesComponent());
        p.put("bison.ops.token", FILE_TOKEN);                                            // in the file
        p.put("bison.alerts.webhook-url", "{{env:TEST_ALERT_HOOK}}");                    // {{env:}}
        p.put("bison.db.password", "{{env:TEST_DB_PASSWORD}}");                          // {{env:}}
        p.put("bison.db.url", db().url() + (db().url().contains("?") ? "&" : "?") + "password=" + URL_PASSWORD); // in a URL
        p.put("bison.instance.maverick.super-admin-key-file", "");                      // env override below
        p.put("bison.instance.long-run.api-user-key-files", "");                        // -D below
        Path config = dir.resolve("application.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            p.store(out, "child application of " + getClass().getSimpleName());
        }
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, Files.readString(Path.of("src/main/resources/io/bisonsync/log4j2.properties"))
                .replace("rootLogger.level = INFO", "rootLogger.level = DEBUG"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-Dbison.instance.long-run.api-user-keys=" + String.join(",", userKeys),          // -D
                "-Dbison.ops.read-token=" + READ_TOKEN,                                            // -D
                "io.bisonsync.BisonSyncApp", "--once", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TEST_ALERT_HOOK", "https://hooks.example.invalid/services/" + ENV_PLACEHOLDER_HOOK);
        env.put("TEST_DB_PASSWORD", DB_PASSWORD);
        env.put("BISON_INSTANCE_MAVERICK_SUPER_ADMIN_KEY", adminKey);                    // environment override
        Process child = builder.start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child exited").isTrue();

        String output = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("DEBUG").contains("Sync run").contains("finished: SUCCESS");
        List<String> secrets = new ArrayList<>(List.of(FILE_TOKEN, ENV_PLACEHOLDER_HOOK, DB_PASSWORD, URL_PASSWORD, READ_TOKEN,
                secretPart(adminKey)));
        userKeys.forEach(k -> secrets.add(secretPart(k)));
        for (String secret : secrets) {
            assertThat(output).as("child output").doesNotContain(secret);
        }
    }

    private static String secretPart(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
