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
            exit = BisonSyncApp.run(new String[] {"--once", "--config", file.toString()}).code();
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bison-sync: Configuration key 'bison.sync.max-page': unknown key (misspelt?)")
                .contains("bison.sync.max-pages");
    }
}
