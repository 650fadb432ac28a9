-- The dashboard's health summary (GET /api/sync/health).
SELECT last_sync_time, last_sync_status, total_accounts, minutes_since_last_sync, is_healthy, last_success_time, running
  FROM get_email_sync_health()
