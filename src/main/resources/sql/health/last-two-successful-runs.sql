-- Accounts per instance (summary.by_instance.<name>.accounts) of the last two runs with status success:
-- rank 1 is the latest, rank 2 the one before. A run without instances yields one row with a null instance.
WITH last_two AS (
    SELECT id, summary, row_number() OVER (ORDER BY started_at DESC) AS rank
      FROM email_sync_logs
     WHERE status = 'success'
     ORDER BY started_at DESC
     LIMIT 2
)
SELECT t.rank, t.id AS run_id, i.key AS instance, (i.value ->> 'accounts')::bigint AS accounts
  FROM last_two t
  LEFT JOIN LATERAL jsonb_each(coalesce(t.summary -> 'by_instance', '{}'::jsonb)) i ON TRUE
 ORDER BY t.rank, i.key
