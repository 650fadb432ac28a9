-- An account seen moved (403) that deletion.MovedOutProof found (200) in another workspace of the instance, which it
-- entered after that workspace's read: stored there, no longer seen moved. The next read of that workspace brings
-- its other fields up to date.
UPDATE email_accounts_cache
   SET workspace_id = :#workspaceId, workspace_name = :#workspaceName, moved_seen_run_id = NULL, sync_status = 'success',
       last_sync_run_id = :#runId, last_changed_at = now()
 WHERE bison_instance = :#instance AND bison_id = :#bisonId AND workspace_id = :#fromWorkspaceId
   AND moved_seen_run_id IS NOT NULL
