-- Deletes only what was proven gone, and each workspace all or nothing. A complete read no longer deletes every
-- cached account it did not see: each one is looked up (GET /api/sender-emails/{id}) and only a 404 deletes it.
-- The decision (verify, hold for a mass drop, delete a confirmed drop) is made in Java (sync.DeletionPolicy);
-- apply_workspace() below only applies it, together with the workspace's rows.

DROP FUNCTION apply_workspace_deletes(TEXT, BIGINT, BIGINT[], BIGINT, DOUBLE PRECISION, BOOLEAN);

-- What the lookups proved, per workspace and run; not_read: planned, but the run stopped before its read began.
ALTER TABLE email_sync_workspace_results
    ADD COLUMN recovered     INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN moved         INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN unverified    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN verifications INTEGER NOT NULL DEFAULT 0,
    DROP CONSTRAINT email_sync_workspace_results_status_check,
    ADD CONSTRAINT email_sync_workspace_results_status_check
        CHECK (status IN ('complete', 'held', 'truncated', 'timed_out', 'incomplete', 'failed', 'not_read'));
COMMENT ON COLUMN email_sync_workspace_results.deleted IS 'accounts deleted: proven gone by a 404 lookup (or a confirmed held drop)';
COMMENT ON COLUMN email_sync_workspace_results.recovered IS 'accounts the list skipped (a shifted read) that the lookup found and stored';
COMMENT ON COLUMN email_sync_workspace_results.moved IS 'unseen accounts the lookup placed in another workspace (403): kept for that workspace''s read';
COMMENT ON COLUMN email_sync_workspace_results.unverified IS 'unseen accounts whose lookup failed: kept, workspace incomplete';
COMMENT ON COLUMN email_sync_workspace_results.verifications IS 'lookup requests sent (GET /api/sender-emails/{id})';

CREATE OR REPLACE VIEW email_sync_run_history AS
SELECT l.id AS run_id, l.status, l.trigger, l.started_at, l.completed_at, l.duration_seconds,
       l.total_accounts_fetched, l.total_workspaces_processed, l.workspaces_failed, l.error_message,
       l.error_details, l.live_view_refreshed, l.summary -> 'by_instance' AS by_instance,
       (SELECT coalesce(json_agg(json_build_object(
                   'instance', r.bison_instance, 'workspaceId', r.workspace_id, 'workspace', r.workspace_name,
                   'status', r.status, 'pages', r.pages_fetched, 'accountsRead', r.accounts_read, 'apiTotal', r.api_total,
                   'inserted', r.inserted, 'updated', r.updated, 'unchanged', r.unchanged, 'deleted', r.deleted,
                   'held', r.held, 'rejected', r.rejected, 'recovered', r.recovered, 'moved', r.moved,
                   'unverified', r.unverified, 'verifications', r.verifications, 'retries', r.retries,
                   'durationMs', r.duration_ms, 'errorClass', r.error_class, 'errorMessage', r.error_message)
                   ORDER BY r.bison_instance, r.workspace_name), '[]'::json)
          FROM email_sync_workspace_results r WHERE r.run_id = l.id) AS workspaces
  FROM email_sync_logs l;

-- Atomic workspaces: a workspace's batches are appended to email_accounts_staging while it is read; when its read
-- and its deletion proof are done, apply_workspace() merges them into email_accounts_cache and applies the proven
-- deletes and the holds in one transaction. A process killed at any point leaves each workspace as it was before
-- (batches only ever reached the staging table) or as it is after (the merge committed). The staging table is
-- UNLOGGED: it is scratch space, rebuilt by the next read, so it costs no WAL and is emptied by a crash.
CREATE UNLOGGED TABLE email_accounts_staging (
    run_id                      BIGINT      NOT NULL,
    bison_instance              TEXT        NOT NULL,
    workspace_id                BIGINT      NOT NULL,
    bison_id                    BIGINT      NOT NULL,
    email_address               TEXT        NOT NULL,
    name                        TEXT,
    status                      TEXT,
    type                        TEXT,
    daily_limit                 INTEGER,
    warmup_enabled              BOOLEAN,
    domain                      TEXT,
    workspace_name              TEXT        NOT NULL,
    tags                        TEXT[]      NOT NULL DEFAULT '{}',
    emails_sent_count           BIGINT,
    total_replied_count         BIGINT,
    total_opened_count          BIGINT,
    unsubscribed_count          BIGINT,
    bounced_count               BIGINT,
    unique_replied_count        BIGINT,
    unique_opened_count         BIGINT,
    total_leads_contacted_count BIGINT,
    interested_leads_count      BIGINT,
    bison_created_at            TIMESTAMPTZ,
    bison_updated_at            TIMESTAMPTZ,
    account_data                JSONB       NOT NULL
);
CREATE INDEX email_accounts_staging_workspace_idx ON email_accounts_staging (run_id, bison_instance, workspace_id);

-- Merges one workspace's staged rows (differential: an unchanged account is not rewritten), deletes p_delete and
-- holds p_hold (both only while the row is still in this workspace), empties its staging rows; all or nothing.
CREATE FUNCTION apply_workspace(p_run BIGINT, p_instance TEXT, p_workspace BIGINT, p_delete BIGINT[], p_hold BIGINT[])
RETURNS TABLE (inserted INTEGER, updated INTEGER, deleted INTEGER, held INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
    n_inserted INTEGER;
    n_updated  INTEGER;
    n_deleted  INTEGER;
    n_held     INTEGER;
BEGIN
    WITH merged AS (
        INSERT INTO email_accounts_cache AS c (
            bison_instance, bison_id, email_address, name, status, type, daily_limit, warmup_enabled, domain,
            workspace_id, workspace_name, tags,
            emails_sent_count, total_replied_count, total_opened_count, unsubscribed_count, bounced_count,
            unique_replied_count, unique_opened_count, total_leads_contacted_count, interested_leads_count,
            bison_created_at, bison_updated_at, account_data, first_seen_run_id, last_sync_run_id)
        SELECT s.bison_instance, s.bison_id, s.email_address, s.name, s.status, s.type, s.daily_limit, s.warmup_enabled,
               s.domain, s.workspace_id, s.workspace_name, s.tags,
               s.emails_sent_count, s.total_replied_count, s.total_opened_count, s.unsubscribed_count, s.bounced_count,
               s.unique_replied_count, s.unique_opened_count, s.total_leads_contacted_count, s.interested_leads_count,
               s.bison_created_at, s.bison_updated_at, s.account_data, p_run, p_run
          FROM email_accounts_staging s
         WHERE s.run_id = p_run AND s.bison_instance = p_instance AND s.workspace_id = p_workspace
        ON CONFLICT (bison_instance, bison_id) DO UPDATE SET
            email_address = EXCLUDED.email_address,
            name = EXCLUDED.name,
            status = EXCLUDED.status,
            type = EXCLUDED.type,
            daily_limit = EXCLUDED.daily_limit,
            warmup_enabled = EXCLUDED.warmup_enabled,
            domain = EXCLUDED.domain,
            workspace_id = EXCLUDED.workspace_id,
            workspace_name = EXCLUDED.workspace_name,
            tags = EXCLUDED.tags,
            emails_sent_count = EXCLUDED.emails_sent_count,
            total_replied_count = EXCLUDED.total_replied_count,
            total_opened_count = EXCLUDED.total_opened_count,
            unsubscribed_count = EXCLUDED.unsubscribed_count,
            bounced_count = EXCLUDED.bounced_count,
            unique_replied_count = EXCLUDED.unique_replied_count,
            unique_opened_count = EXCLUDED.unique_opened_count,
            total_leads_contacted_count = EXCLUDED.total_leads_contacted_count,
            interested_leads_count = EXCLUDED.interested_leads_count,
            bison_created_at = EXCLUDED.bison_created_at,
            bison_updated_at = EXCLUDED.bison_updated_at,
            account_data = EXCLUDED.account_data,
            last_changed_at = now(),
            last_synced_at = now(),
            last_sync_run_id = EXCLUDED.last_sync_run_id,
            sync_status = 'success'
        WHERE c.account_data IS DISTINCT FROM EXCLUDED.account_data
           OR c.workspace_id IS DISTINCT FROM EXCLUDED.workspace_id
           OR c.workspace_name IS DISTINCT FROM EXCLUDED.workspace_name
           OR c.sync_status <> 'success'
        RETURNING (xmax = 0) AS fresh
    )
    SELECT count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) INTO n_inserted, n_updated FROM merged;

    DELETE FROM email_accounts_cache
     WHERE bison_instance = p_instance AND workspace_id = p_workspace AND bison_id = ANY (p_delete);
    GET DIAGNOSTICS n_deleted = ROW_COUNT;

    UPDATE email_accounts_cache
       SET sync_status = 'pending_deletion', last_changed_at = now(), last_sync_run_id = p_run
     WHERE bison_instance = p_instance AND workspace_id = p_workspace AND bison_id = ANY (p_hold)
       AND sync_status <> 'pending_deletion';
    SELECT count(*) INTO n_held
      FROM email_accounts_cache
     WHERE bison_instance = p_instance AND workspace_id = p_workspace AND bison_id = ANY (p_hold);

    DELETE FROM email_accounts_staging
     WHERE run_id = p_run AND bison_instance = p_instance AND workspace_id = p_workspace;
    RETURN QUERY SELECT n_inserted, n_updated, n_deleted, n_held;
END;
$$;
