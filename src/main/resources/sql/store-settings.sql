-- Writes the configured values the schema's views and functions read (db.SqlSettings, in seconds) to the one row
-- of email_sync_settings: bison.sync.live-window (email_accounts_live), bison.sync.log-retention
-- (cleanup_old_email_sync_logs() without an argument), bison.health.max-sync-age (get_email_sync_health()).
UPDATE email_sync_settings
   SET live_window = make_interval(secs => :#${bean:sqlSettings?method=liveWindowSeconds}),
       log_retention = make_interval(secs => :#${bean:sqlSettings?method=logRetentionSeconds}),
       healthy_within = make_interval(secs => :#${bean:sqlSettings?method=healthyWithinSeconds})
