package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceBlocksTest {

    @TempDir
    Path dir;

    private final Map<String, String> values = new HashMap<>(Map.of(
            "bison.instances", "long-run",
            "bison.instance.long-run.name", "Long Run",
            "bison.instance.long-run.base-url", "http://bison.test/api",
            "bison.instance.long-run.api-user-keys", "1|a, 2|b"));
    private final PropertyReader reader = new PropertyReader(key -> Optional.ofNullable(values.get(key)));

    private InstanceSettings longRun(boolean keyFilesLater) {
        return InstanceBlocks.read(reader, InstanceBlocks.ids(reader), 3000, keyFilesLater).get(0);
    }

    @Test
    void anApiUserBlockGetsTheTablesMaxParallelAndTheGivenRequestBudget() {
        InstanceSettings instance = longRun(false);

        assertThat(instance.baseUrl()).isEqualTo("http://bison.test");
        assertThat(instance.apiUserKeys()).extracting(Secret::reveal).containsExactly("1|a", "2|b");
        assertThat(instance.maxParallel()).isEqualTo(Integer.parseInt(SettingKeys.instanceDefault("max-parallel")));
        assertThat(instance.requestsPerMinute()).isEqualTo(3000);

        values.put("bison.instance.long-run.requests-per-minute", "600");
        values.put("bison.instance.long-run.max-parallel", "2");
        assertThat(longRun(false).requestsPerMinute()).isEqualTo(600);
        assertThat(longRun(false).maxParallel()).isEqualTo(2);
    }

    @Test
    void maxParallelBelowOneIsRefusedNamingTheInstanceKey() {
        values.put("bison.instance.long-run.max-parallel", "0");

        assertThatThrownBy(() -> longRun(false)).hasMessageContaining("'bison.instance.long-run.max-parallel'")
                .hasMessageContaining("at least 1");
    }

    @Test
    void includeListsNeedASuperAdminKey() {
        values.put("bison.instance.long-run.include-workspaces", "Acme");

        assertThatThrownBy(() -> longRun(false)).hasMessageContaining("'bison.instance.long-run.include-workspaces'");
    }

    @Test
    void anIdThatIsNotKebabCaseIsRefused() {
        values.put("bison.instances", "Long_Run");

        assertThatThrownBy(() -> InstanceBlocks.ids(reader)).hasMessageContaining("'bison.instances'")
                .hasMessageContaining("'Long_Run' is not a valid id");
    }

    @Test
    void keyFilesWrittenLaterAreReadWhenResolvedNotWhenTheBlockIsRead() throws IOException {
        values.remove("bison.instance.long-run.api-user-keys");
        values.put("bison.instance.long-run.api-user-key-files", dir.resolve("long-run-*.key").toString());

        InstanceSettings unresolved = longRun(true);
        assertThat(unresolved.apiUserKeys()).isEmpty();

        Files.writeString(dir.resolve("long-run-1.key"), "1|fromfile");
        InstanceSettings resolved = InstanceBlocks.resolveKeyFiles(unresolved, reader);
        assertThat(resolved.apiUserKeys()).extracting(Secret::reveal).containsExactly("1|fromfile");
        assertThat(resolved).usingRecursiveComparison().ignoringFields("apiUserKeys").isEqualTo(unresolved);
        assertThat(List.of(longRun(false).apiUserKeys().get(0).reveal())).containsExactly("1|fromfile");
    }

    @Test
    void aBaseUrlWithUserAndPasswordIsRefusedWithoutEchoingThem() {
        for (String url : new String[] {"http://admin:pa55word@bison.test", "https://admin:pa55word@bison.test/api", "ftp://admin:pa55word@x"}) {
            values.put("bison.instance.long-run.base-url", url);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> longRun(false)).as(url).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Configuration key 'bison.instance.long-run.base-url': must not carry user:password@")
                    .hasMessageNotContaining("pa55word");
        }
    }
}
