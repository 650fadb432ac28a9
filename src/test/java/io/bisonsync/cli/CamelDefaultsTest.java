package io.bisonsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The shipped file states the camel.* settings the launcher applies as defaults, value for value. */
class CamelDefaultsTest {

    @Test
    void theShippedFilesCamelSettingsAreTheLaunchersDefaults() throws Exception {
        Properties shipped = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        Map<String, String> camel = new TreeMap<>();
        shipped.stringPropertyNames().stream().filter(k -> k.startsWith("camel.")).forEach(k -> camel.put(k, shipped.getProperty(k)));

        assertThat(camel).isEqualTo(new TreeMap<>(CamelDefaults.VALUES));
    }
}
