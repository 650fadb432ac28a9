-- Runs that failed since the last run that succeeded (status success or partial), with the latest one's id and
-- error. Abandoned runs (the process died mid-run) neither count nor end the streak.
SELECT count(*) AS failed_runs,
       (array_agg(id ORDER BY started_at DESC))[1] AS last_run_id,
       (array_agg(error_message ORDER BY started_at DESC))[1] AS last_error
  FROM email_sync_logs
 WHERE status = 'failed'
   AND started_at > coalesce((SELECT max(started_at) FROM email_sync_logs WHERE status IN ('success', 'partial')),
                             '-infinity'::timestamptz)
