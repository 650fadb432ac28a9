-- Workspaces whose latest reads failed (email_sync_workspace_state keeps the streak), most failures first.
SELECT bison_instance, workspace_name, consecutive_failures, last_error
  FROM email_sync_workspace_state
 WHERE consecutive_failures > 0
 ORDER BY consecutive_failures DESC, bison_instance, workspace_name
