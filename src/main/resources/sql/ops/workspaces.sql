-- Every workspace's latest state for the monitoring page (GET /api/sync/workspaces): cached accounts beside the
-- API's meta.total at the last read, pages, last status and reason, last complete read, consecutive failures,
-- the accounts held by the mass-drop gate, and whether the last complete read is within bison.health.max-sync-age
-- (email_sync_settings.healthy_within).
SELECT s.bison_instance, s.workspace_id, s.workspace_name AS workspace, s.last_status, s.last_error,
       s.last_attempt_at, s.last_success_at, s.consecutive_failures,
       r.run_id AS last_run_id, r.api_total, r.pages_fetched, r.accounts_read,
       COALESCE(c.cached, 0) AS cached_accounts, COALESCE(c.held, 0) AS held_accounts,
       COALESCE(s.last_success_at >= now() - (SELECT healthy_within FROM email_sync_settings), FALSE) AS fresh
  FROM email_sync_workspace_state s
  LEFT JOIN LATERAL (SELECT wr.run_id, wr.api_total, wr.pages_fetched, wr.accounts_read
                       FROM email_sync_workspace_results wr
                      WHERE wr.bison_instance = s.bison_instance AND wr.workspace_id = s.workspace_id
                      ORDER BY wr.completed_at DESC, wr.id DESC
                      LIMIT 1) r ON true
  LEFT JOIN (SELECT bison_instance, workspace_id, count(*) AS cached,
                    count(*) FILTER (WHERE sync_status = 'pending_deletion') AS held
               FROM email_accounts_cache
              GROUP BY bison_instance, workspace_id) c
         ON c.bison_instance = s.bison_instance AND c.workspace_id = s.workspace_id
 ORDER BY s.bison_instance, s.workspace_name
