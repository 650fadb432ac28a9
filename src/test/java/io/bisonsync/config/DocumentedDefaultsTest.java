package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key table {@link SettingKeys} is the one home of every default: config/application.properties lists exactly
 * those keys, and the comment above each one states exactly the default the code applies (docs/configuration.md's
 * tables are generated from it: ConfigurationDocTest).
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

    @Test
    void theShippedFileListsEveryKeyOfTheKeyTable() throws IOException {
        Map<String, String> documented = documentedKeys();
        assertThat(documented.keySet().stream().filter(k -> !k.startsWith("bison.instance.")))
                .containsExactlyInAnyOrderElementsOf(SettingKeys.FIXED.stream().map(SettingKey::key).toList());
    }

    /** The default a comment states: X of "(default X)" or "(default X; ...)", null when it states none. */
    static String statedDefault(String comment) {
        Matcher m = STATED_DEFAULT.matcher(comment == null ? "" : comment);
        return m.find() ? m.group(1) : null;
    }

    private static final Pattern STATED_DEFAULT = Pattern.compile("\\(default ([^;)]*)[;)]");

    @Test
    void aStatedDefaultIsTheWholeValueNotAPrefixOfIt() {
        assertThat(statedDefault("accounts per batch (default 500)")).isEqualTo("500").isNotEqualTo("50");
        assertThat(statedDefault("start the simulator (default false; true in this demo file)")).isEqualTo("false");
        assertThat(statedDefault("Quartz cron (default 0 0/30 * * * ?)")).isEqualTo("0 0/30 * * * ?");
        assertThat(statedDefault("no default here")).isNull();
    }

    @Test
    void everyKeyWithADefaultStatesExactlyThatDefaultInItsComment() throws IOException {
        Map<String, String> documented = documentedKeys();
        for (Map.Entry<String, String> key : BisonSettings.defaults().entrySet()) {
            assertThat(statedDefault(documented.get(key.getKey()))).as("default stated above %s: %s", key.getKey(), documented.get(key.getKey()))
                    .isEqualTo(key.getValue());
        }
    }

    @Test
    void theShippedFilesInstanceBlockCommentNamesEveryPerInstanceKeyAndExactlyItsDefault() throws IOException {
        Map<String, String> documented = documentedInstanceKeys();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(SettingKeys.PER_INSTANCE.stream().map(SettingKeys::nameInBlock).toList());
        SettingKeys.PER_INSTANCE.stream().filter(SettingKey::hasDefault).forEach(k -> assertThat(statedDefault(documented.get(SettingKeys.nameInBlock(k))))
                .as("instance key %s", k.key()).isEqualTo(k.defaultValue()));
    }
}
