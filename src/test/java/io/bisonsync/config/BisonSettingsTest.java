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
    void anInstanceNeedsOneSuperAdminKeyOrApiUserKeysOrOneOfEach() {
        config.put("bison.instance.maverick.api-user-keys", "1|a,2|b");
        InstanceSettings mixed = load().instances().get(0);
        assertThat(mixed.superAdmin()).isTrue();
        assertThat(mixed.apiUserKeys()).hasSize(2);

        config.put("bison.instance.maverick.super-admin-key-file", "/run/secrets/maverick.key");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("at most one of")
                .hasMessageContaining("'bison.instance.maverick.super-admin-key'");
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

    @Test
    void twoInstancesWithTheSameNameAreRefusedBecauseTheyWouldOverwriteEachOthersAccounts() {
        config.put("bison.instances", "maverick,other");
        config.put("bison.instance.other.name", "Maverick");
        config.put("bison.instance.other.base-url", "https://other.agency.com");
        config.put("bison.instance.other.super-admin-key", "43|othersecret");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'bison.instance.other.name'")
                .hasMessageContaining("already the name of instance 'maverick'");
    }

    @Test
    void anInstanceListedTwiceIsRefused() {
        config.put("bison.instances", "maverick, maverick");

        assertThatThrownBy(this::load).hasMessageContaining("'bison.instances'").hasMessageContaining("'maverick' twice");
    }

    @Test
    void anInstanceBlockNotListedInBisonInstancesIsRefusedUnlessItIsEmpty() {
        config.put("bison.instance.long-run.name", "Long Run");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.instance.long-run.name'").hasMessageContaining("not listed");

        config.put("bison.instance.long-run.name", "");
        assertThat(load().instances()).hasSize(1);
    }

    @Test
    void anEmptyListEntryFromATrailingOrDoubledCommaIsRefused() {
        config.put("bison.instances", "maverick,");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.instances'").hasMessageContaining("empty entry");

        config.put("bison.instances", "maverick");
        config.put("bison.instance.maverick.exclude-workspaces", "Acme,,Globex");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.instance.maverick.exclude-workspaces'");
    }

    @Test
    void aStaleRunThresholdBelowTwoHeartbeatsIsRefused() {
        config.put("bison.sync.heartbeat", "15s");
        config.put("bison.sync.stale-run-after", "20s");

        assertThatThrownBy(this::load).hasMessageContaining("'bison.sync.stale-run-after'").hasMessageContaining("twice bison.sync.heartbeat");
    }

    @Test
    void zeroLengthDurationsAreRefusedWhereZeroMakesNoSense() {
        for (String key : new String[] {"bison.sync.workspace-timeout", "bison.sync.heartbeat", "bison.http.read-timeout",
            "bison.http.connect-timeout", "bison.sync.live-window", "bison.health.max-sync-age"}) {
            Map<String, String> before = new HashMap<>(config);
            config.put(key, "0s");
            assertThatThrownBy(this::load).as(key).hasMessageContaining("'" + key + "'").hasMessageContaining("longer than 0");
            config.clear();
            config.putAll(before);
        }
        config.put("bison.sync.page-delay", "0ms");
        assertThat(load().sync().pageDelay()).isZero();
    }

    @Test
    void anOverflowingDurationIsAClearErrorNotAStackTrace() {
        config.put("bison.sync.log-retention", "99999999999999999999d");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'bison.sync.log-retention'")
                .hasMessageContaining("too long");

        config.put("bison.sync.log-retention", "9999999999999d");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("too long");
    }

    @Test
    void aDatabaseUrlThatIsNotJdbcIsRefusedAtOnceWithoutEchoingIt() {
        config.put("bison.db.url", "postgres://bison:hunter2@db:5432/bison");
        config.put("bison.db.user", "bison");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("'bison.db.url'")
                .hasMessageContaining("jdbc:postgresql://").hasMessageNotContaining("hunter2");
    }

    @Test
    void theMaximumResponseSizeTakesAUnit() {
        assertThat(load().http().maxResponseSize()).isEqualTo(8L * 1024 * 1024);
        config.put("bison.http.max-response-size", "64KB");
        assertThat(load().http().maxResponseSize()).isEqualTo(64L * 1024);
        config.put("bison.http.max-response-size", "lots");
        assertThatThrownBy(this::load).hasMessageContaining("'bison.http.max-response-size'");
    }
}
