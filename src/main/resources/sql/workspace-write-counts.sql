-- How many of a workspace's rows this run inserted and updated (unchanged rows were not written).
SELECT count(*) FILTER (WHERE first_seen_run_id = :#${exchangeProperty.workspace.runId}) AS inserted,
       count(*) FILTER (WHERE last_sync_run_id = :#${exchangeProperty.workspace.runId}
                          AND first_seen_run_id IS DISTINCT FROM :#${exchangeProperty.workspace.runId}
                          AND sync_status = 'success') AS updated
  FROM email_accounts_cache
 WHERE bison_instance = :#${exchangeProperty.workspace.instanceName}
   AND workspace_id = :#${exchangeProperty.workspace.workspaceId}
