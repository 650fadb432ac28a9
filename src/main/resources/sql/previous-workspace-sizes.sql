-- The size of every workspace at its latest read, and the key (lane label, never the key itself) that read it:
-- lane.LargestFirst orders the next run's lanes and workspaces by it.
SELECT s.bison_instance, s.workspace_id, s.lane, greatest(r.accounts_read, coalesce(r.api_total, 0)) AS accounts
  FROM email_sync_workspace_state s
  JOIN LATERAL (SELECT accounts_read, api_total
                  FROM email_sync_workspace_results r
                 WHERE r.bison_instance = s.bison_instance AND r.workspace_id = s.workspace_id
                 ORDER BY r.completed_at DESC
                 LIMIT 1) r ON TRUE
