-- Removes sync logs (and their workspace results) older than bison.sync.log-retention, as written into
-- email_sync_settings at start-up; answers how many runs were removed.
SELECT cleanup_old_email_sync_logs() AS removed
