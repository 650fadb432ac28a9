-- Who holds the run lock (the session advisory lock pg_try_advisory_lock(namespace, run) of RunLock): the
-- holding session's application_name names its process; its run, once its email_sync_logs row is open, adds the
-- run id, the trigger and the host. Parameters: the lock's two keys.
SELECT a.application_name, r.id AS run_id, r.trigger, r.host, r.instance_id
  FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid
  LEFT JOIN LATERAL (SELECT id, trigger, host, instance_id FROM email_sync_logs
                      WHERE status = 'running' AND a.application_name = left('bison-sync ' || instance_id, 63)
                      ORDER BY id DESC LIMIT 1) r ON true
 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND l.classid::bigint = ? AND l.objid::bigint = ?
