package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.BisonSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlSettingsTest {

    private final Map<String, String> config = new HashMap<>(Map.of(
            "bison.instances", "maverick",
            "bison.instance.maverick.name", "Maverick",
            "bison.instance.maverick.base-url", "https://send.agency.com",
            "bison.instance.maverick.super-admin-key", "42|secretsecretsecret"));

    private SqlSettings sqlSettings() {
        return SqlSettings.of(BisonSettings.load(config.keySet(), key -> Optional.ofNullable(config.get(key))));
    }

    @Test
    void theDocumentedDefaultsReachSqlInSeconds() {
        assertThat(sqlSettings()).isEqualTo(new SqlSettings(2 * 3600, 30 * 86400, 60 * 60, 2 * 60));
    }

    @Test
    void eachConfiguredValueReachesSqlInSeconds() {
        config.putAll(Map.of("bison.sync.live-window", "90m", "bison.sync.log-retention", "7d",
                "bison.health.max-sync-age", "45m", "bison.sync.stale-run-after", "5m"));

        assertThat(sqlSettings()).isEqualTo(new SqlSettings(90 * 60, 7 * 86400, 45 * 60, 5 * 60));
    }

    @Test
    void aValueBelowOneSecondIsCutToWholeSeconds() {
        config.put("bison.sync.live-window", "1500ms");

        assertThat(sqlSettings().liveWindowSeconds()).isEqualTo(1);
    }
}
