-- A read whose super-admin key was switched away: its staged rows may be another workspace's records.
DELETE FROM email_accounts_staging
 WHERE run_id = :#${exchangeProperty.workspace.runId} AND bison_instance = :#${exchangeProperty.workspace.instanceName}
   AND workspace_id = :#${exchangeProperty.workspace.workspaceId}
