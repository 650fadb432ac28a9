package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
                .doesNotContainKey("bison.instances").doesNotContainKey("bison.db.url");
        assertThat(defaults).hasSize((int) SettingKeys.FIXED.stream().filter(SettingKey::hasDefault).count());
        assertThat(BisonSettings.defaults()).isEqualTo(defaults);
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
