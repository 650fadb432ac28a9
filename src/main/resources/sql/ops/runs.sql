-- The latest runs, newest first, each with its per-workspace results (GET /api/sync/runs?limit=N).
SELECT run_id, status, trigger, started_at, completed_at, duration_seconds, total_accounts_fetched,
       total_workspaces_processed, workspaces_failed, error_message, live_view_refreshed, by_instance, workspaces
  FROM email_sync_run_history
 ORDER BY started_at DESC, run_id DESC
 LIMIT :#${exchangeProperty.limit}
