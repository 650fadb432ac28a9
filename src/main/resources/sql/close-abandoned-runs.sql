-- Closes runs whose process died mid-run: still "running" but no heartbeat for bison.sync.stale-run-after.
UPDATE email_sync_logs
   SET status = 'abandoned',
       completed_at = heartbeat_at,
       duration_seconds = extract(epoch FROM heartbeat_at - started_at),
       error_message = 'abandoned: no heartbeat since ' || heartbeat_at || ' (the process stopped mid-run)'
 WHERE status = 'running'
   AND heartbeat_at < now() - make_interval(secs => :#${bean:syncRuns?method=staleRunSeconds})
