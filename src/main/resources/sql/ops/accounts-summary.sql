-- Accounts in email_accounts_live (the dashboard's read model) by instance and workspace, with the end of each
-- workspace's last complete read (GET /api/accounts/summary).
SELECT bison_instance, workspace_id, workspace_name AS workspace, count(*) AS accounts, max(last_synced_at) AS last_synced_at
  FROM email_accounts_live
 GROUP BY bison_instance, workspace_id, workspace_name
 ORDER BY bison_instance, workspace_name
