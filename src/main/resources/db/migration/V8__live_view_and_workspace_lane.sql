-- email_accounts_live without a column that changes every run. It carried last_synced_at (the workspace's last
-- successful read, from email_sync_workspace_state), so every run's REFRESH ... CONCURRENTLY rewrote every row of
-- the view although no account changed (an unchanged re-sync of 17,000 accounts: 34,000 view rows). Now its rows
-- change only when an account changes or a workspace enters or leaves the live window; the freshness of a
-- workspace is read from email_sync_workspace_state.last_success_at (join on bison_instance, workspace_id).
DROP MATERIALIZED VIEW email_accounts_live;

CREATE MATERIALIZED VIEW email_accounts_live AS
SELECT c.id,
       c.bison_instance,
       c.bison_id,
       c.email_address,
       c.name,
       c.status,
       c.type,
       c.daily_limit,
       c.warmup_enabled,
       c.domain,
       c.workspace_id,
       c.workspace_name,
       c.tags,
       c.emails_sent_count,
       c.total_replied_count,
       c.total_opened_count,
       c.unsubscribed_count,
       c.bounced_count,
       c.unique_replied_count,
       c.unique_opened_count,
       c.total_leads_contacted_count,
       c.interested_leads_count,
       c.account_data,
       c.sync_status
FROM email_accounts_cache c
JOIN email_sync_workspace_state s
  ON s.bison_instance = c.bison_instance AND s.workspace_id = c.workspace_id
WHERE s.last_success_at > now() - (SELECT live_window FROM email_sync_settings)
WITH DATA;
CREATE UNIQUE INDEX email_accounts_live_key ON email_accounts_live (bison_instance, bison_id);
CREATE INDEX email_accounts_live_workspace_idx ON email_accounts_live (bison_instance, workspace_id);

-- The key label ("api-user key #3", "super-admin key"; never the key) that last read each workspace, so that the
-- next run can read the largest workspaces first (sync.LargestFirst): an api-user key's workspace is known only
-- after its listing, its size from the previous run.
ALTER TABLE email_sync_workspace_state ADD COLUMN lane TEXT;
