-- The last two complete reads of each workspace (status complete, or held: every page was read and the mass-drop
-- gate held the drop), whatever other workspaces did in those runs: rank 1 is the latest.
SELECT s.bison_instance, s.workspace_id, s.workspace_name, r.rank, r.run_id, r.status, r.accounts_read
  FROM email_sync_workspace_state s
 CROSS JOIN LATERAL (SELECT wr.run_id, wr.status, wr.accounts_read,
                            row_number() OVER (ORDER BY wr.completed_at DESC, wr.id DESC) AS rank
                       FROM email_sync_workspace_results wr
                      WHERE wr.bison_instance = s.bison_instance AND wr.workspace_id = s.workspace_id
                        AND wr.status IN ('complete', 'held')
                      ORDER BY wr.completed_at DESC, wr.id DESC
                      LIMIT 2) r
 ORDER BY s.bison_instance, s.workspace_name, s.workspace_id, r.rank
