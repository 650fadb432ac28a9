package io.bisonsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BisonSyncAppTest {

    @Test
    void aMisspeltKeyStopsTheApplicationWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        String config = Files.readString(Path.of("config/application.properties"))
                .replace("bison.sync.max-pages = 50", "bison.sync.max-page = 50");
        Path file = dir.resolve("application.properties");
        Files.writeString(file, config);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BisonSyncApp.run(new String[] {"--once", "--config", file.toString()});
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bison-sync: Configuration key 'bison.sync.max-page': unknown key (misspelt?)")
                .contains("bison.sync.max-pages");
    }

    @Test
    void theProgressLineOfALongRunSaysDoneOfPlannedAccountsAndAnEstimateOnlyOnceAWorkspaceFinished() {
        io.bisonsync.config.InstanceSettings maverick = new io.bisonsync.config.InstanceSettings("maverick", "Maverick",
                "http://127.0.0.1:1/maverick", new io.bisonsync.config.Secret("k"), java.util.List.of(), java.util.Set.of(),
                java.util.Set.of(), 0, 1);
        io.bisonsync.sync.Credential key = new io.bisonsync.sync.Credential(maverick, maverick.superAdminKey(), 0);
        io.bisonsync.sync.SyncRun run = new io.bisonsync.sync.SyncRun("manual", java.util.List.of(key));
        run.planned(4);

        assertThat(BisonSyncApp.progressLine(run)).matches("Progress: 0 of 4 workspaces, 0 accounts, \\d+ s so far");

        run.workspaceDone(new io.bisonsync.sync.WorkspaceRun(run, key, 1, "Acme", 50, 15, java.time.Duration.ofSeconds(45)));

        assertThat(BisonSyncApp.progressLine(run)).matches("Progress: 1 of 4 workspaces, 0 accounts, \\d+ s so far, about \\d+ s to go");
    }
}
