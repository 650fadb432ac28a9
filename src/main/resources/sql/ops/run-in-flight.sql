-- The run in flight anywhere in the cluster (GET /api/sync/schedule), with the process that runs it.
SELECT id AS run_id, trigger, started_at, heartbeat_at, host, instance_id
  FROM email_sync_logs
 WHERE status = 'running'
 ORDER BY id DESC
 LIMIT 1
