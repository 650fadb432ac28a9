-- Stores a workspace's result and updates its latest state (last success, consecutive failures), atomically.
WITH result AS (
    INSERT INTO email_sync_workspace_results (
        run_id, bison_instance, workspace_id, workspace_name, status, pages_fetched, accounts_read, api_total,
        inserted, updated, unchanged, deleted, held, rejected, recovered, moved, unverified, verifications, key_checks,
        batches, retries, duration_ms, error_class, error_message)
    VALUES (:#runId, :#instance, :#workspaceId, :#workspaceName, :#status, :#pages, :#accountsRead, :#apiTotal,
            :#inserted, :#updated, :#unchanged, :#deleted, :#held, :#rejected, :#recovered, :#moved, :#unverified,
            :#verifications, :#keyChecks, :#batches, :#retries, :#durationMs, :#errorClass, :#errorMessage)
    RETURNING run_id, bison_instance, workspace_id, workspace_name, status, error_message, completed_at
)
INSERT INTO email_sync_workspace_state AS s (
    bison_instance, workspace_id, workspace_name, last_status, last_attempt_at, last_success_at, last_success_run_id,
    consecutive_failures, last_error, lane)
SELECT bison_instance, workspace_id, workspace_name, status, completed_at,
       CASE WHEN :#readInFull THEN completed_at END,
       CASE WHEN :#readInFull THEN run_id END,
       CASE WHEN :#readInFull THEN 0 ELSE 1 END,
       error_message, CAST(:#lane AS text)
  FROM result
ON CONFLICT (bison_instance, workspace_id) DO UPDATE SET
    workspace_name = EXCLUDED.workspace_name,
    last_status = EXCLUDED.last_status,
    last_attempt_at = EXCLUDED.last_attempt_at,
    last_success_at = coalesce(EXCLUDED.last_success_at, s.last_success_at),
    last_success_run_id = coalesce(EXCLUDED.last_success_run_id, s.last_success_run_id),
    consecutive_failures = CASE WHEN EXCLUDED.consecutive_failures = 0 THEN 0 ELSE s.consecutive_failures + 1 END,
    last_error = EXCLUDED.last_error,
    lane = EXCLUDED.lane
