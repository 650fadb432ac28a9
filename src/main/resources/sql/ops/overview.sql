-- The monitoring page's header (GET /api/sync/overview): the last finished run with its per-workspace results, the
-- end of the last run with status success (the last complete sync), and the workspaces failing now or not read
-- completely within bison.health.max-sync-age (email_sync_settings.healthy_within, in seconds here).
WITH last_run AS (
    SELECT run_id, status, trigger, started_at, completed_at, error_message, workspaces
      FROM email_sync_run_history
     WHERE status <> 'running'
     ORDER BY started_at DESC, run_id DESC
     LIMIT 1
)
SELECT lr.run_id AS last_run_id, lr.status AS last_run_status, lr.trigger AS last_run_trigger,
       lr.started_at AS last_run_started_at, lr.completed_at AS last_run_completed_at,
       lr.error_message AS last_run_error, lr.workspaces AS last_run_workspaces,
       (SELECT max(completed_at) FROM email_sync_logs WHERE status = 'success') AS last_complete_time,
       (SELECT count(*) FROM email_sync_workspace_state) AS workspaces,
       (SELECT count(*) FROM email_sync_workspace_state WHERE consecutive_failures > 0) AS workspaces_failing,
       (SELECT count(*) FROM email_sync_workspace_state
         WHERE last_success_at IS NULL
            OR last_success_at < now() - (SELECT healthy_within FROM email_sync_settings)) AS workspaces_stale,
       (SELECT extract(epoch FROM healthy_within)::bigint FROM email_sync_settings) AS max_sync_age_seconds,
       EXISTS (SELECT 1 FROM email_sync_logs WHERE status = 'running') AS running
  FROM (SELECT 1) one
  LEFT JOIN last_run lr ON TRUE
