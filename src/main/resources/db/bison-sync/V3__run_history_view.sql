-- Run history with each run's per-workspace results as JSON: what the ops API's /api/sync/runs answers, and a
-- ready-made query for dashboards.
CREATE VIEW email_sync_run_history AS
SELECT l.id AS run_id, l.status, l.trigger, l.started_at, l.completed_at, l.duration_seconds,
       l.total_accounts_fetched, l.total_workspaces_processed, l.workspaces_failed, l.error_message,
       l.error_details, l.live_view_refreshed, l.summary -> 'by_instance' AS by_instance,
       (SELECT coalesce(json_agg(json_build_object(
                   'instance', r.bison_instance, 'workspaceId', r.workspace_id, 'workspace', r.workspace_name,
                   'status', r.status, 'pages', r.pages_fetched, 'accountsRead', r.accounts_read, 'apiTotal', r.api_total,
                   'inserted', r.inserted, 'updated', r.updated, 'unchanged', r.unchanged, 'deleted', r.deleted,
                   'held', r.held, 'rejected', r.rejected, 'retries', r.retries, 'durationMs', r.duration_ms,
                   'errorClass', r.error_class, 'errorMessage', r.error_message)
                   ORDER BY r.bison_instance, r.workspace_name), '[]'::json)
          FROM email_sync_workspace_results r WHERE r.run_id = l.id) AS workspaces
  FROM email_sync_logs l;
