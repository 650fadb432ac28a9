-- Which process ran each run: its host (the pod name under Kubernetes) and its instance id
-- (<host>-<pid>-<start epoch ms>, also its Quartz scheduler instance id). Null for runs before this version.
ALTER TABLE email_sync_logs ADD COLUMN host TEXT, ADD COLUMN instance_id TEXT;
COMMENT ON COLUMN email_sync_logs.host IS 'host of the process that ran the run';
COMMENT ON COLUMN email_sync_logs.instance_id IS 'instance id of the process that ran the run (<host>-<pid>-<start ms>)';
