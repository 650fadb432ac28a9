-- Opens the run log row; its id is the run id. host and instance_id name the process that runs it.
INSERT INTO email_sync_logs (trigger, status, host, instance_id)
VALUES (:#${exchangeProperty.syncRun.trigger}, 'running', :#${bean:processIdentity?method=host},
        :#${bean:processIdentity?method=instanceId})
RETURNING id
