-- Closes the run log row with its status, counts and JSON summary.
UPDATE email_sync_logs
   SET status = :#status,
       completed_at = now(),
       duration_seconds = :#duration,
       total_accounts_fetched = :#accounts,
       total_workspaces_processed = :#workspaces,
       workspaces_failed = :#failed,
       error_message = :#errorMessage,
       error_details = CAST(:#errorDetails AS jsonb),
       summary = CAST(:#summary AS jsonb),
       live_view_refreshed = :#viewRefreshed
 WHERE id = :#runId
