-- Removes sync logs (and their workspace results) older than bison.sync.log-retention (db.SqlSettings; the same
-- value store-settings.sql gives the function's default for psql callers); answers how many runs were removed.
SELECT cleanup_old_email_sync_logs(make_interval(secs => :#${bean:sqlSettings?method=logRetentionSeconds})) AS removed
