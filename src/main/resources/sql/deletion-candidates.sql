-- The workspace's cached accounts that its complete read did not see, with the workspace's count of accounts
-- cached before this run (rows first stored by this run excluded): the input of deletion.DeletionPolicy. The least
-- recently looked-up come first: lookups are paced over runs (bison.sync.max-verifications per run).
WITH ws AS (
    SELECT bison_id, sync_status, first_seen_run_id, last_lookup_run_id
      FROM email_accounts_cache
     WHERE bison_instance = :#${exchangeProperty.workspace.instanceName}
       AND workspace_id = :#${exchangeProperty.workspace.workspaceId}
)
SELECT bison_id, sync_status = 'pending_deletion' AS held,
       (SELECT count(*) FROM ws WHERE first_seen_run_id IS DISTINCT FROM :#${exchangeProperty.workspace.runId}) AS cached_before
  FROM ws
 WHERE NOT (bison_id = ANY (:#${exchangeProperty.workspace.seenIds}))
 ORDER BY last_lookup_run_id NULLS FIRST, bison_id
