-- Staged rows of runs no longer running (a killed process, a lost database) are never applied: drop them.
DELETE FROM email_accounts_staging s
 WHERE NOT EXISTS (SELECT 1 FROM email_sync_logs l WHERE l.id = s.run_id AND l.status = 'running')
