package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.run.RunStatus;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The configured values the schema's views and functions read reach email_sync_settings through db.SqlSettings
 * and the store-settings route: right after start-up, and again at the start of every run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoredSettingsTest extends SyncTestSupport {

    private static final Map<String, Object> CONFIGURED = Map.of("live_window", 90 * 60L, "log_retention", 7 * 86400L,
            "healthy_within", 45 * 60L);

    @Override
    protected void configure(Properties overrides) {
        overrides.putAll(Map.of("bison.sync.live-window", "90m", "bison.sync.log-retention", "7d", "bison.health.max-sync-age", "45m"));
    }

    /** Runs first: before any run of this class, only the start-up store can have written the configured values. */
    @Test
    @Order(1)
    void theConfiguredValuesAreInEmailSyncSettingsRightAfterStartUp() {
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).as("runs so far").isZero();

        await("the start-up store").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored()).isEqualTo(CONFIGURED));
    }

    @Test
    @Order(2)
    void eachRunStoresTheConfiguredValuesBeforeItReadsThem() {
        // the start-up store is done, so only the run can put the configured values back
        await("the start-up store").atMost(Duration.ofSeconds(10)).until(() -> stored().equals(CONFIGURED));
        db().execute("UPDATE email_sync_settings SET live_window = interval '1 minute', log_retention = interval '1 day',"
                + " healthy_within = interval '1 minute'");

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        assertThat(stored()).isEqualTo(CONFIGURED);
    }

    private Map<String, Object> stored() {
        Map<String, Object> row = db().row("SELECT extract(epoch FROM live_window)::bigint AS live_window,"
                + " extract(epoch FROM log_retention)::bigint AS log_retention,"
                + " extract(epoch FROM healthy_within)::bigint AS healthy_within FROM email_sync_settings");
        return Map.of("live_window", ((Number) row.get("live_window")).longValue(),
                "log_retention", ((Number) row.get("log_retention")).longValue(),
                "healthy_within", ((Number) row.get("healthy_within")).longValue());
    }
}
