-- Accounts per instance in the last two runs that finished with status success or partial, summed over the
-- workspaces read completely (status complete) in both: a workspace that failed in either run is left out of the
-- comparison, not the instance with it. A held read is left out too: the mass-drop gate reports that drop.
WITH last_two AS (
    SELECT id, row_number() OVER (ORDER BY started_at DESC, id DESC) AS rank
      FROM email_sync_logs
     WHERE status IN ('success', 'partial')
     ORDER BY started_at DESC, id DESC
     LIMIT 2
), reads AS (
    SELECT t.rank, t.id AS run_id, r.bison_instance, r.workspace_id, r.accounts_read
      FROM last_two t JOIN email_sync_workspace_results r ON r.run_id = t.id
     WHERE r.workspace_id IS NOT NULL AND r.status = 'complete'
)
SELECT latest.bison_instance AS instance, previous.run_id AS previous_run, latest.run_id AS latest_run,
       sum(previous.accounts_read) AS previous, sum(latest.accounts_read) AS latest
  FROM reads latest
  JOIN reads previous ON latest.rank = 1 AND previous.rank = 2
                     AND previous.bison_instance = latest.bison_instance AND previous.workspace_id = latest.workspace_id
 GROUP BY latest.bison_instance, previous.run_id, latest.run_id
 ORDER BY latest.bison_instance
