package io.bisonsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the key tables of docs/configuration.md from {@link SettingKeys}, grouped by how often a key is changed
 * ({@link SettingKeys#use}). ConfigurationDocTest fails when the file and the table disagree. Regenerate after
 * adding a key or changing a default, from the project's folder:
 * <pre>mvn -B -ntp -q test-compile &amp;&amp; java -cp target/classes:target/test-classes io.bisonsync.config.ConfigurationDoc</pre>
 */
public final class ConfigurationDoc {

    static final Path FILE = Path.of("docs/configuration.md");
    static final String BEGIN = "<!-- generated from SettingKeys by io.bisonsync.config.ConfigurationDoc (see its javadoc to regenerate): do not edit -->";
    static final String END = "<!-- end of generated keys -->";

    private ConfigurationDoc() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, withGeneratedKeys(Files.readString(FILE)));
        System.out.println("wrote the key tables of " + FILE);
    }

    /** {@code document} with the text between {@link #BEGIN} and {@link #END} replaced by {@link #keyTables()}. */
    static String withGeneratedKeys(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(FILE + " has no '" + BEGIN + "' ... '" + END + "' region");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + keyTables() + END + document.substring(end + END.length());
    }

    /** The text between the markers as written now, or null without them. */
    static String generatedKeys(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        return begin < 0 || end < begin ? null : document.substring(begin + BEGIN.length() + 1, end);
    }

    /** One table per {@link SettingKeys.Use}, keys in table order. */
    static String keyTables() {
        List<SettingKey> all = Stream.concat(SettingKeys.FIXED.stream(), SettingKeys.PER_INSTANCE.stream()).toList();
        StringBuilder out = new StringBuilder();
        for (SettingKeys.Use use : SettingKeys.Use.values()) {
            out.append("\n### ").append(heading(use)).append("\n\n| Key | Default | Unit | Meaning |\n|---|---|---|---|\n");
            all.stream().filter(k -> SettingKeys.use(k) == use).forEach(k -> out.append(row(k)).append('\n'));
        }
        return out.append('\n').toString();
    }

    /** HikariCP's groups. */
    private static String heading(SettingKeys.Use use) {
        return switch (use) {
            case ESSENTIAL -> "Essentials: what every installation sets (its instances, their keys, its database)";
            case FREQUENT -> "Frequently used: the schedule, budgets, what is read, the ops API and the limits tuned most";
            case INFREQUENT -> "Infrequently used: their defaults fit most installations";
        };
    }

    static String row(SettingKey k) {
        return "| `" + k.key() + "` | " + (k.hasDefault() ? "`" + k.defaultValue() + "`" : "none") + " | " + k.unit() + " | "
                + k.description() + " |";
    }
}
