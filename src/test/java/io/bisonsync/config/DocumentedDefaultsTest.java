package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The key table {@link SettingKeys} is the one home of every default: config/application.properties lists exactly
 * those keys, the comment above each one states the default the code applies, and the "Every key" table of
 * docs/configuration.md is the same table, so the three cannot drift.
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

    /**
     * The entries of the shipped file's instance-block comment ({@code #   max-parallel   ... (default 4)}): each
     * per-instance key named at the start of a comment line, with the indented lines that continue it.
     */
    private static Map<String, String> documentedInstanceKeys() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            if (!line.startsWith("#")) {
                current = null;
                continue;
            }
            String body = line.substring(1);
            String first = body.strip().split("\\s+")[0];
            if (body.startsWith("   ") && SettingKeys.isInstanceKey(first)) {
                current = first;
                entries.put(current, body.strip());
            } else if (current != null && body.startsWith("          ")) {
                entries.put(current, entries.get(current) + " " + body.strip());
            } else {
                current = null;
            }
        }
        return entries;
    }

    /** The rows of docs/configuration.md's "Every key" table, as written. */
    private static List<String> documentedKeyRows() throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            if (line.startsWith("#")) {
                inSection = line.equals("## Every key");
            } else if (inSection && line.startsWith("| `")) {
                rows.add(line.strip());
            }
        }
        return rows;
    }

    private static String row(SettingKey k) {
        return "| `" + k.key() + "` | " + (k.hasDefault() ? "`" + k.defaultValue() + "`" : "none") + " | " + k.unit() + " | "
                + k.description() + " |";
    }

    @Test
    void theShippedFileListsEveryKeyOfTheKeyTable() throws IOException {
        Map<String, String> documented = documentedKeys();
        assertThat(documented.keySet().stream().filter(k -> !k.startsWith("bison.instance.")))
                .containsExactlyInAnyOrderElementsOf(SettingKeys.FIXED.stream().map(SettingKey::key).toList());
    }

    @Test
    void everyKeyWithADefaultStatesThatDefaultInItsComment() throws IOException {
        Map<String, String> documented = documentedKeys();
        for (Map.Entry<String, String> key : BisonSettings.defaults().entrySet()) {
            assertThat(documented.get(key.getKey())).as("comment above %s", key.getKey())
                    .contains("(default " + key.getValue());
        }
    }

    @Test
    void theShippedFilesInstanceBlockCommentNamesEveryPerInstanceKeyAndItsDefault() throws IOException {
        Map<String, String> documented = documentedInstanceKeys();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(SettingKeys.PER_INSTANCE.stream().map(SettingKeys::nameInBlock).toList());
        SettingKeys.PER_INSTANCE.stream().filter(SettingKey::hasDefault).forEach(k -> assertThat(documented.get(SettingKeys.nameInBlock(k)))
                .as("instance key %s", k.key()).contains("(default " + k.defaultValue() + ")"));
    }

    @Test
    void theConfigurationDocsKeyTableIsTheKeyTableRowForRow() throws IOException {
        List<String> expected = Stream.concat(SettingKeys.FIXED.stream(), SettingKeys.PER_INSTANCE.stream())
                .map(DocumentedDefaultsTest::row).toList();

        assertThat(documentedKeyRows()).as("docs/configuration.md \"## Every key\" should read:%n%s", String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }
}
