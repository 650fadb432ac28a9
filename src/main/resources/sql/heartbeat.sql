-- Marks the run in flight as alive.
UPDATE email_sync_logs SET heartbeat_at = now() WHERE id = :#${body} AND status = 'running'
