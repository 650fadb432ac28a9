-- At start-up, without the run lock (taking it would make a trigger of this start-up skip): closes runs whose
-- process died mid-run, still "running" but without heartbeat for bison.sync.stale-run-after. The next run,
-- holding the lock, closes every other one at once (close-abandoned-runs.sql).
UPDATE email_sync_logs
   SET status = 'abandoned',
       completed_at = heartbeat_at,
       duration_seconds = extract(epoch FROM heartbeat_at - started_at),
       error_message = 'abandoned: no heartbeat since ' || heartbeat_at || ' (the process stopped mid-run)'
 WHERE status = 'running'
   AND heartbeat_at < now() - make_interval(secs => :#${bean:sqlSettings?method=staleRunAfterSeconds})
