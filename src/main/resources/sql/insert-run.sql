-- Opens the run log row; its id is the run id.
INSERT INTO email_sync_logs (trigger, status)
VALUES (:#${exchangeProperty.syncRun.trigger}, 'running')
RETURNING id
