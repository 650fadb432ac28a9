package io.bisonsync.db;

import io.bisonsync.config.BisonSettings;

/**
 * Exactly the configuration SQL reads, in whole seconds: the one way a {@code bison.*} value reaches a statement.
 * Templates in src/main/resources/sql name it as {@code :#${bean:sqlSettings?method=...}} (a bound parameter);
 * sql/store-settings.sql writes the first three to {@code email_sync_settings}, where the schema's views and
 * functions, and anyone calling them from psql or a dashboard, read them.
 *
 * @param liveWindowSeconds     bison.sync.live-window: email_accounts_live's window (email_sync_settings.live_window)
 * @param logRetentionSeconds   bison.sync.log-retention: the housekeeping's cut-off (email_sync_settings.log_retention)
 * @param healthyWithinSeconds  bison.health.max-sync-age: get_email_sync_health()'s is_healthy (email_sync_settings.healthy_within)
 * @param staleRunAfterSeconds  bison.sync.stale-run-after: when close-stale-runs.sql closes a run without heartbeat
 */
public record SqlSettings(long liveWindowSeconds, long logRetentionSeconds, long healthyWithinSeconds,
                          long staleRunAfterSeconds) {

    public static SqlSettings of(BisonSettings settings) {
        return new SqlSettings(settings.sync().liveWindow().toSeconds(), settings.sync().logRetention().toSeconds(),
                settings.health().maxSyncAge().toSeconds(), settings.sync().staleRunAfter().toSeconds());
    }
}
