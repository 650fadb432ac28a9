package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SettingKeysTest {

    @Test
    void everyFixedKeyIsABisonKeyListedOnceWithAUnitAndADescription() {
        assertThat(SettingKeys.FIXED).extracting(SettingKey::key).doesNotHaveDuplicates().allMatch(k -> k.startsWith("bison."));
        assertThat(SettingKeys.FIXED).allSatisfy(k -> {
            assertThat(k.unit()).as(k.key()).isNotBlank();
            assertThat(k.description()).as(k.key()).isNotBlank();
        });
        assertThat(SettingKeys.PER_INSTANCE).extracting(SettingKey::key).doesNotHaveDuplicates()
                .allMatch(k -> k.startsWith(SettingKeys.INSTANCE_BLOCK));
        assertThat(SettingKeys.PER_INSTANCE).extracting(SettingKeys::nameInBlock).noneMatch(k -> k.contains("."));
    }

    @Test
    void theDefaultsAreTheKeysThatHaveOneWithIt() {
        Map<String, String> defaults = SettingKeys.defaults();

        assertThat(defaults).containsEntry("bison.sync.batch-size", "500").containsEntry("bison.http.max-response-size", "8MB")
                .doesNotContainKey("bison.instances").doesNotContainKey("bison.db.url").doesNotContainKey("bison.ops.token");
    }

    /** The smallest configuration the loader accepts: one instance with its key. */
    private static final Map<String, String> MINIMAL = Map.of("bison.instances", "maverick", "bison.instance.maverick.name", "Maverick",
            "bison.instance.maverick.base-url", "https://send.agency.com", "bison.instance.maverick.super-admin-key", "42|secret");

    /** Everything the loader reads from {@code config}: the settings and the keys read on their own. */
    private static List<Object> loaded(Map<String, String> config) {
        Function<String, Optional<String>> resolve = key -> Optional.ofNullable(config.get(key));
        return List.of(BisonSettings.load(config.keySet(), resolve), BisonSettings.ops(resolve), BisonSettings.onceLockWait(resolve),
                BisonSettings.postRunSummaries(resolve));
    }

    @Test
    void leavingAKeyOutIsTheSameAsWritingTheDefaultTheTableStatesForIt() {
        List<Object> implicit = loaded(MINIMAL);
        for (Map.Entry<String, String> key : SettingKeys.defaults().entrySet()) {
            Map<String, String> explicit = new HashMap<>(MINIMAL);
            explicit.put(key.getKey(), key.getValue());

            assertThat(loaded(explicit)).as("%s = %s written out", key.getKey(), key.getValue()).isEqualTo(implicit);
        }
    }

    @Test
    void leavingAKeyOutIsNotTheSameAsWritingAnotherValue() {
        Map<String, String> other = new HashMap<>(MINIMAL);
        other.put("bison.sync.batch-size", "50");

        assertThat(loaded(other)).isNotEqualTo(loaded(MINIMAL));
    }

    @Test
    void aKeyIsKnownOnlyWhereTheTableListsIt() {
        assertThat(SettingKeys.isFixed("bison.sync.max-pages")).isTrue();
        assertThat(SettingKeys.isFixed("bison.sync.max-page")).isFalse();
        assertThat(SettingKeys.isInstanceKey("max-parallel")).isTrue();
        assertThat(SettingKeys.isInstanceKey("bison.sync.max-pages")).isFalse();
        assertThat(SettingKeys.defaultOf("bison.sync.heartbeat")).contains("15s");
        assertThat(SettingKeys.defaultOf("bison.ops.token")).isEmpty();
        assertThat(SettingKeys.defaultOf("bison.nothing")).isEmpty();
    }

    @Test
    void thePerInstanceMaxParallelDefaultIsInTheTable() {
        assertThat(SettingKeys.instanceDefault("max-parallel")).isEqualTo("4");
        assertThatThrownBy(() -> SettingKeys.instanceDefault("name")).isInstanceOf(IllegalArgumentException.class);
    }
}
