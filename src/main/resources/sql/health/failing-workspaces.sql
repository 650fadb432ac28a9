-- Workspaces whose latest reads failed (email_sync_workspace_state keeps the streak), and API keys whose workspace
-- list failed in the latest runs (result rows without a workspace id; their streak counts back from the latest
-- finished run), most failures first.
WITH finished AS (
    SELECT id, row_number() OVER (ORDER BY started_at DESC) AS rank
      FROM email_sync_logs WHERE status IN ('success', 'partial', 'failed')
), listing_failures AS (
    SELECT r.bison_instance, r.workspace_name, f.rank, r.error_message
      FROM email_sync_workspace_results r JOIN finished f ON f.id = r.run_id
     WHERE r.workspace_id IS NULL
), listing_streaks AS (
    SELECT l.bison_instance, l.workspace_name, count(*)::int AS consecutive_failures,
           (array_agg(l.error_message ORDER BY l.rank))[1] AS last_error
      FROM listing_failures l
     WHERE l.rank - 1 = (SELECT count(*) FROM listing_failures m
                          WHERE m.bison_instance = l.bison_instance AND m.workspace_name = l.workspace_name AND m.rank < l.rank)
     GROUP BY l.bison_instance, l.workspace_name
)
SELECT bison_instance, workspace_id, workspace_name, consecutive_failures, last_error
  FROM email_sync_workspace_state
 WHERE consecutive_failures > 0
UNION ALL
SELECT bison_instance, NULL::bigint, workspace_name, consecutive_failures, last_error FROM listing_streaks
 ORDER BY consecutive_failures DESC, bison_instance, workspace_name
