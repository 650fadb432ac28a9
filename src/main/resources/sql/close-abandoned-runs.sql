-- Closes runs whose process died mid-run. Called only while holding the run lock (RunLock): every run holds it
-- for its whole life, so any other row still "running" is provably dead, and is closed at once, at the time it
-- was found dead.
UPDATE email_sync_logs
   SET status = 'abandoned',
       completed_at = now(),
       duration_seconds = extract(epoch FROM now() - started_at),
       error_message = 'abandoned: found dead at ' || now() || ', last heartbeat ' || heartbeat_at
                       || ' (the process stopped mid-run)'
 WHERE status = 'running'
