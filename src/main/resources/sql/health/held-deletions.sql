-- Workspaces whose deletions are held by the mass-drop gate (rows marked pending_deletion).
SELECT bison_instance AS instance, workspace_id, workspace_name, count(*) AS accounts
  FROM email_accounts_cache
 WHERE sync_status = 'pending_deletion'
 GROUP BY bison_instance, workspace_id, workspace_name
 ORDER BY bison_instance, workspace_name
