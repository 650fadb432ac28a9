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

-- refresh_email_accounts_live() refreshes only when the view would change. REFRESH ... CONCURRENTLY computes the
-- whole view and diffs it against the old one (0.6 s for 17,000 accounts) even when nothing changed. The view
-- changes only when (1) a cached account was written since the last refresh (every writer of
-- email_accounts_cache sets last_changed_at: apply_workspace, when it merges rows and when it holds a drop), or
-- (2) the accounts per live workspace differ from the view's (deletes, and workspaces entering or leaving
-- bison.sync.live-window). An empty view is refreshed plainly: there is nothing to diff against.
-- REFRESH MATERIALIZED VIEW [CONCURRENTLY] email_accounts_live by hand still refreshes unconditionally.
CREATE TABLE email_accounts_live_refresh (
    id            BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    refreshed_at  TIMESTAMPTZ NOT NULL
);

CREATE OR REPLACE FUNCTION refresh_email_accounts_live() RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    last_refresh TIMESTAMPTZ;
BEGIN
    SELECT refreshed_at INTO last_refresh FROM email_accounts_live_refresh;
    IF NOT EXISTS (SELECT 1 FROM email_accounts_live) THEN
        REFRESH MATERIALIZED VIEW email_accounts_live;
    ELSIF last_refresh IS NULL
       OR EXISTS (SELECT 1 FROM email_accounts_cache WHERE last_changed_at >= last_refresh)
       OR EXISTS (
            WITH expected AS (
                SELECT c.bison_instance, c.workspace_id, count(*) AS accounts
                  FROM email_accounts_cache c
                  JOIN email_sync_workspace_state s
                    ON s.bison_instance = c.bison_instance AND s.workspace_id = c.workspace_id
                 WHERE s.last_success_at > now() - (SELECT live_window FROM email_sync_settings)
                 GROUP BY 1, 2),
            shown AS (
                SELECT bison_instance, workspace_id, count(*) AS accounts FROM email_accounts_live GROUP BY 1, 2)
            (SELECT * FROM expected EXCEPT SELECT * FROM shown)
            UNION ALL
            (SELECT * FROM shown EXCEPT SELECT * FROM expected)) THEN
        REFRESH MATERIALIZED VIEW CONCURRENTLY email_accounts_live;
    END IF;
    INSERT INTO email_accounts_live_refresh (id, refreshed_at) VALUES (TRUE, now())
        ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at;
END;
$$;
