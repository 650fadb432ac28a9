package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {

    /** For each unit of the table, a value no key of that unit accepts. */
    private static final Map<String, String> BAD_VALUE_BY_UNIT = Map.ofEntries(
            Map.entry("duration", "30 s"),
            Map.entry("count", "many"),
            Map.entry("fraction", "1.5"),
            Map.entry("true/false", "yes"),
            Map.entry("cron", "*/30 * * * *"),
            Map.entry("size", "lots"),
            Map.entry("requests/min", "-1"),
            Map.entry("port", "-1"),
            Map.entry("number", "4.2"),
            Map.entry("ids", "Maverick"),
            Map.entry("JDBC URL", "postgres://db/bison"),
            Map.entry("secret URL", "ftp://hooks.test"),
            Map.entry("host", "999.1.1.1"),
            Map.entry("host names", "bison.internal,,localhost"));

    /** Units whose values are free text: nothing to refuse. */
    private static final Set<String> FREE_UNITS = Set.of("text", "secret", "path");

    private final Map<String, String> config = new HashMap<>(Map.of(
            "bison.instances", "maverick",
            "bison.instance.maverick.name", "Maverick",
            "bison.instance.maverick.base-url", "https://send.agency.com",
            "bison.instance.maverick.super-admin-key", "42|secret"));

    private BisonSettings load() {
        return SettingsLoader.load(config.keySet(), new PropertyReader(key -> Optional.ofNullable(config.get(key))));
    }

    @Test
    void everyKeyOfTheTableIsCheckedAgainstItsUnitWhenTheConfigurationLoads() {
        for (SettingKey key : SettingKeys.FIXED) {
            if (FREE_UNITS.contains(key.unit())) {
                continue;
            }
            assertThat(BAD_VALUE_BY_UNIT).as("a bad value for unit '%s' of %s", key.unit(), key.key()).containsKey(key.unit());
            Map<String, String> before = new HashMap<>(config);
            config.put(key.key(), BAD_VALUE_BY_UNIT.get(key.unit()));

            ConfigException refused = catchThrowableOfType(this::load, ConfigException.class);

            assertThat(refused).as("%s = %s", key.key(), config.get(key.key())).isNotNull();
            assertThat(refused.key()).as(refused.getMessage()).isEqualTo(key.key());
            config.clear();
            config.putAll(before);
        }
    }

    @Test
    void everyDefaultOfTheTableIsAValueItsKeyAccepts() {
        assertThatCode(this::load).doesNotThrowAnyException();
        BisonSettings settings = load();

        assertThat(settings.sync().maxParallelLanes()).isEqualTo(Integer.parseInt(SettingKeys.defaultOf("bison.sync.max-parallel-lanes").orElseThrow()));
        assertThat(settings.http().retryDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.health().maxAccountDrop()).isEqualTo(0.10);
        assertThat(settings.simulator().keySeed()).isNull();
        assertThat(settings.instances().get(0).requestsPerMinute()).isEqualTo(3000);
    }

    @Test
    void anInstanceWithoutItsOwnBudgetGetsTheConfiguredDefaultBudget() {
        config.put("bison.http.requests-per-minute", "1200");

        assertThat(load().instances().get(0).requestsPerMinute()).isEqualTo(1200);
    }

    @Test
    void theOperationsKeysAndOnceLockWaitAreReadWithTheirDefaults() {
        PropertyReader reader = new PropertyReader(key -> Optional.ofNullable(config.get(key)));

        assertThat(SettingsLoader.onceLockWait(reader)).isEqualTo(Duration.ofMinutes(10));
        assertThat(SettingsLoader.ops(reader).port()).isEqualTo(8080);
        assertThat(SettingsLoader.ops(reader).token()).isNull();
        assertThat(SettingsLoader.postRunSummaries(reader)).isFalse();
    }
}
