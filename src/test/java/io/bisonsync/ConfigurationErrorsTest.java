package io.bisonsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken configuration of the review stops start-up with exit 2 and one line naming the key. */
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    @Test
    void everyBrokenConfigurationExitsWithTwoAndOneLineNamingItsKey() throws Exception {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("bison.instance.long-run.name", new String[] {"bison.instance.long-run.name = Long Run", "bison.instance.long-run.name = Maverick"});
        cases.put("bison.instances", new String[] {"bison.instances = maverick,long-run", "bison.instances = maverick,long-run,maverick"});
        cases.put("bison.instance.ghost.name", new String[] {"bison.instance.long-run.name = Long Run",
            "bison.instance.long-run.name = Long Run\nbison.instance.ghost.name = Ghost"});
        cases.put("bison.instances ", new String[] {"bison.instances = maverick,long-run", "bison.instances = maverick,long-run,"});
        cases.put("bison.sync.stale-run-after", new String[] {"bison.sync.stale-run-after = 2m", "bison.sync.stale-run-after = 10s"});
        cases.put("bison.sync.workspace-timeout", new String[] {"bison.sync.workspace-timeout = 45s", "bison.sync.workspace-timeout = 0s"});
        cases.put("bison.sync.live-window", new String[] {"bison.sync.live-window = 2h", "bison.sync.live-window = 9999999999999999999h"});
        cases.put("bison.db.url", new String[] {"bison.db.url = {{env:BISON_DB_URL:}}", "bison.db.url = postgres://u:pw@127.0.0.1:1/db"});
        for (var c : cases.entrySet()) {
            Path file = config(c.getValue()[0], c.getValue()[1]);
            Outcome outcome = run("--once", "--config", file.toString());
            assertThat(outcome.exit()).as(c.getKey()).isEqualTo(2);
            assertThat(outcome.err().lines()).as(c.getKey()).hasSize(1).first().asString()
                    .startsWith("bison-sync: Configuration key '" + c.getKey().strip() + "'");
        }
    }

    @Test
    void aMissingConfigurationFileIsOneLineAndExitTwo() throws Exception {
        Outcome outcome = run("--once", "--config", dir.resolve("nope.properties").toString());

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().lines()).hasSize(1).first().asString().contains("nope.properties").contains("does not exist");
    }

    private Path config(String line, String replacement) throws Exception {
        String shipped = Files.readString(Path.of("config/application.properties"));
        assertThat(shipped).contains(line);
        Path file = Files.createTempFile(dir, "application", ".properties");
        Files.writeString(file, shipped.replace(line, replacement));
        return file;
    }

    private record Outcome(int exit, String err) {
    }

    private static Outcome run(String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = BisonSyncApp.run(args).code();
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
