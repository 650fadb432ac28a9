-- One run with its per-workspace results and error details (GET /api/sync/runs/{id}).
SELECT * FROM email_sync_run_history WHERE run_id = :#${exchangeProperty.runId}
