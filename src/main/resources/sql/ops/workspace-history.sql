-- One workspace's results over the latest runs, newest first (GET /api/sync/workspaces/history).
SELECT run_id, status, pages_fetched, accounts_read, api_total, inserted, updated, unchanged, deleted, held, rejected,
       retries, duration_ms, error_class, error_message, completed_at
  FROM email_sync_workspace_results
 WHERE bison_instance = :#instance AND workspace_id = :#workspaceId
 ORDER BY completed_at DESC, id DESC
 LIMIT :#limit
