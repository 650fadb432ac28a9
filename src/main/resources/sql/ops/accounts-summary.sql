-- Accounts in email_accounts_live (the dashboard's read model) by instance and workspace, with the end of each
-- workspace's last complete read from its latest state (GET /api/accounts/summary).
SELECT l.bison_instance, l.workspace_id, l.workspace_name AS workspace, count(*) AS accounts,
       max(s.last_success_at) AS last_synced_at
  FROM email_accounts_live l
  LEFT JOIN email_sync_workspace_state s ON s.bison_instance = l.bison_instance AND s.workspace_id = l.workspace_id
 GROUP BY l.bison_instance, l.workspace_id, l.workspace_name
 ORDER BY l.bison_instance, l.workspace_name
