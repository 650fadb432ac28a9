package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BisonSettingsTest {

    private final Map<String, String> config = new HashMap<>(Map.of(
            "bison.instances", "maverick",
            "bison.instance.maverick.name", "Maverick",
            "bison.instance.maverick.base-url", "https://send.agency.com/api/",
            "bison.instance.maverick.super-admin-key", "42|secretsecretsecret"));

    private BisonSettings load() {
        return BisonSettings.load(config.keySet(), key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void aMinimalConfigurationGetsTheSeedsDefaults() {
        BisonSettings settings = load();

        assertThat(settings.sync().cron()).isEqualTo("0 0/30 * * * ?");
        assertThat(settings.sync().batchSize()).isEqualTo(500);
        assertThat(settings.sync().workspaceTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.sync().maxPages()).isEqualTo(50);
        assertThat(settings.sync().pageDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.database().embedded()).isTrue();
        InstanceSettings maverick = settings.instances().get(0);
        assertThat(maverick.baseUrl()).isEqualTo("https://send.agency.com");
        assertThat(maverick.superAdmin()).isTrue();
    }

    @Test
    void aMisspeltKeyStopsStartUpNamingTheKeyAndSuggestingTheRightOne() {
        config.put("bison.sync.batch-sise", "200");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bison.sync.batch-sise'").hasMessageContaining("bison.sync.batch-size");
    }

    @Test
    void aMisspeltInstanceKeyIsNamed() {
        config.put("bison.instance.maverick.base-ulr", "https://x");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'bison.instance.maverick.base-ulr'");
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        config.remove("bison.instance.maverick.name");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'bison.instance.maverick.name': is required");
    }

    @Test
    void withoutInstancesNothingStarts() {
        config.clear();

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'bison.instances'");
    }

    @Test
    void anInstanceNeedsExactlyOneKindOfCredential() {
        config.put("bison.instance.maverick.api-user-keys", "1|a,2|b");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("needs exactly one of");
    }

    @Test
    void badValuesNameTheirKey() {
        config.put("bison.sync.workspace-timeout", "45");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.sync.workspace-timeout'").hasMessageContaining("not a duration");

        config.put("bison.sync.workspace-timeout", "45s");
        config.put("bison.sync.cron", "*/30 * * * *");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.sync.cron'").hasMessageContaining("Quartz cron");

        config.put("bison.sync.cron", "0 0/30 * * * ?");
        config.put("bison.sync.mass-drop-threshold", "1.5");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.sync.mass-drop-threshold'");
    }

    @Test
    void aKeyFileThatCannotBeReadIsNamedWithoutItsContent() {
        config.remove("bison.instance.maverick.super-admin-key");
        config.put("bison.instance.maverick.super-admin-key-file", "/nonexistent/maverick.key");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bison.instance.maverick.super-admin-key-file'").hasMessageContaining("/nonexistent/maverick.key");
    }

    @Test
    void keysNeverPrintThemselves() {
        InstanceSettings maverick = load().instances().get(0);

        assertThat(maverick.toString()).doesNotContain("secretsecret");
        assertThat(maverick.superAdminKey().toString()).isEqualTo("****");
        assertThat(maverick.superAdminKey().reveal()).isEqualTo("42|secretsecretsecret");
    }
}
