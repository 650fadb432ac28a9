-- Removes the accounts of one workspace that moved out of the synced scope (see deletion.MovedOutProof): seen moved,
-- then answered 403 or 404 in every workspace of the instance that this run read, still cached in this workspace.
-- Counts them in the workspace's result row as moved_out.
WITH gone AS (
    DELETE FROM email_accounts_cache
     WHERE bison_instance = :#instance AND workspace_id = :#workspaceId AND bison_id = ANY (:#movedIds)
       AND moved_seen_run_id IS NOT NULL
    RETURNING bison_id
), counted AS (
    UPDATE email_sync_workspace_results SET moved_out = (SELECT count(*) FROM gone)
     WHERE run_id = :#runId AND bison_instance = :#instance AND workspace_id = :#workspaceId
    RETURNING moved_out
)
SELECT (SELECT count(*) FROM gone) AS moved_out
