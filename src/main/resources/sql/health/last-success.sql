-- End of the last run that succeeded (status success or partial); null before the first one.
SELECT max(completed_at) AS last_success
  FROM email_sync_logs
 WHERE status IN ('success', 'partial')
