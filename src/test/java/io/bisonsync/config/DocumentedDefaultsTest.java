package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key table in BisonSettings is the one home of every default: config/application.properties lists exactly
 * those keys, and the comment above each one states the default the code applies, so the two cannot drift.
 */
class DocumentedDefaultsTest {

    /** Each bison.* key of the shipped file with the comment block right above it. */
    private static Map<String, String> documentedKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> comment = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            String t = line.strip();
            if (t.startsWith("#")) {
                comment.add(t.substring(1).strip());
            } else if (t.startsWith("bison.") && t.contains("=")) {
                keys.put(t.substring(0, t.indexOf('=')).strip(), String.join(" ", comment));
                comment.clear();
            } else {
                comment.clear();
            }
        }
        return keys;
    }

    @Test
    void theShippedFileListsEveryKeyOfTheKeyTable() throws IOException {
        Map<String, String> documented = documentedKeys();
        assertThat(documented.keySet().stream().filter(k -> !k.startsWith("bison.instance.")))
                .containsExactlyInAnyOrderElementsOf(BisonSettings.KEYS.keySet());
    }

    @Test
    void everyKeyWithADefaultStatesThatDefaultInItsComment() throws IOException {
        Map<String, String> documented = documentedKeys();
        for (Map.Entry<String, String> key : BisonSettings.defaults().entrySet()) {
            assertThat(documented.get(key.getKey())).as("comment above %s", key.getKey())
                    .contains("(default " + key.getValue());
        }
    }
}
