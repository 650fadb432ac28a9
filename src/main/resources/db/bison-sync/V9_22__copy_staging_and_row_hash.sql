-- The write path's database cost (issue 22). A batch used to be one INSERT ... SELECT FROM jsonb_to_recordset over
-- the batch as one JSON array, and every staged row was parsed into typed columns and JSONB before the merge
-- compared it with the cache (about 250 us of PostgreSQL CPU per account; jsonb_to_recordset over a 500-element
-- array alone took most of it). Now:
--   * a batch is one COPY ... FROM STDIN into email_accounts_staging (write.StagingCopy): the typed columns as the
--     application checked them, the raw record as JSON text (not parsed: account_data is TEXT here) and a 64-bit
--     hash of the row (row_hash);
--   * apply_workspace() takes the workspace's staged rows out of the staging table (DELETE ... RETURNING, one
--     pass), skips every row whose hash, workspace and status match the cache's, and parses the JSON of the rest
--     only, once (account_data::jsonb);
--   * email_accounts_cache.row_hash remembers the hash of the row it holds. Rows cached before this migration have
--     none: the first merge that sees such a row again compares it as before (account_data) and, when it is
--     unchanged, only stores the hash (no other column, last_changed_at untouched); after that run it is skipped.
DROP TABLE email_accounts_staging;
CREATE UNLOGGED TABLE email_accounts_staging (
    run_id                      BIGINT      NOT NULL,
    bison_instance              TEXT        NOT NULL,
    workspace_id                BIGINT      NOT NULL,
    workspace_name              TEXT        NOT NULL,
    bison_id                    BIGINT      NOT NULL,
    row_hash                    BIGINT      NOT NULL,
    email_address               TEXT        NOT NULL,
    name                        TEXT,
    status                      TEXT,
    type                        TEXT,
    daily_limit                 INTEGER,
    warmup_enabled              BOOLEAN,
    domain                      TEXT,
    tags                        TEXT[]      NOT NULL,
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
    account_data                TEXT        NOT NULL
);
COMMENT ON TABLE email_accounts_staging IS 'scratch: rows of workspaces being read (COPY, one batch at a time), merged by apply_workspace()';
COMMENT ON COLUMN email_accounts_staging.account_data IS 'the raw record as JSON text, parsed by apply_workspace() only when the row changed';
CREATE INDEX email_accounts_staging_workspace_idx ON email_accounts_staging (run_id, bison_instance, workspace_id);

ALTER TABLE email_accounts_cache ADD COLUMN row_hash BIGINT;
COMMENT ON COLUMN email_accounts_cache.row_hash IS 'hash of the staged row this row was written from (write.StagingCopy): unchanged rows are skipped without parsing';

CREATE OR REPLACE FUNCTION apply_workspace(p_run BIGINT, p_instance TEXT, p_workspace BIGINT, p_delete BIGINT[], p_hold BIGINT[])
RETURNS TABLE (inserted INTEGER, updated INTEGER, deleted INTEGER, held INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
    n_inserted INTEGER;
    n_updated  INTEGER;
    n_deleted  INTEGER;
    n_held     INTEGER;
BEGIN
    -- rows cached before row_hash existed: store the hash of an unchanged row (nothing else), so the merge skips it
    IF EXISTS (SELECT 1 FROM email_accounts_cache
                WHERE bison_instance = p_instance AND workspace_id = p_workspace AND row_hash IS NULL) THEN
        UPDATE email_accounts_cache c SET row_hash = s.row_hash
          FROM email_accounts_staging s
         WHERE s.run_id = p_run AND s.bison_instance = p_instance AND s.workspace_id = p_workspace
           AND c.bison_instance = p_instance AND c.bison_id = s.bison_id AND c.row_hash IS NULL
           AND c.account_data = s.account_data::jsonb;
    END IF;

    WITH staged AS (
        DELETE FROM email_accounts_staging
         WHERE run_id = p_run AND bison_instance = p_instance AND workspace_id = p_workspace
        RETURNING *
    ), changed AS (
        SELECT s.*
          FROM staged s
          LEFT JOIN email_accounts_cache c ON c.bison_instance = p_instance AND c.bison_id = s.bison_id
         WHERE c.id IS NULL
            OR c.row_hash IS DISTINCT FROM s.row_hash
            OR c.workspace_id <> p_workspace
            OR c.workspace_name IS DISTINCT FROM s.workspace_name
            OR c.sync_status <> 'success'
            OR c.moved_seen_run_id IS NOT NULL
    ), merged AS (
        INSERT INTO email_accounts_cache AS c (
            bison_instance, bison_id, email_address, name, status, type, daily_limit, warmup_enabled, domain,
            workspace_id, workspace_name, tags,
            emails_sent_count, total_replied_count, total_opened_count, unsubscribed_count, bounced_count,
            unique_replied_count, unique_opened_count, total_leads_contacted_count, interested_leads_count,
            bison_created_at, bison_updated_at, account_data, row_hash, first_seen_run_id, last_sync_run_id)
        SELECT p_instance, s.bison_id, s.email_address, s.name, s.status, s.type, s.daily_limit, s.warmup_enabled, s.domain,
               p_workspace, s.workspace_name, s.tags,
               s.emails_sent_count, s.total_replied_count, s.total_opened_count, s.unsubscribed_count, s.bounced_count,
               s.unique_replied_count, s.unique_opened_count, s.total_leads_contacted_count, s.interested_leads_count,
               s.bison_created_at, s.bison_updated_at, s.account_data::jsonb, s.row_hash, p_run, p_run
          FROM changed s
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
            row_hash = EXCLUDED.row_hash,
            last_changed_at = now(),
            last_synced_at = now(),
            last_sync_run_id = EXCLUDED.last_sync_run_id,
            sync_status = 'success',
            moved_seen_run_id = NULL
        WHERE c.row_hash IS DISTINCT FROM EXCLUDED.row_hash
           OR c.workspace_id IS DISTINCT FROM EXCLUDED.workspace_id
           OR c.workspace_name IS DISTINCT FROM EXCLUDED.workspace_name
           OR c.sync_status <> 'success'
           OR c.moved_seen_run_id IS NOT NULL
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
    RETURN QUERY SELECT n_inserted, n_updated, n_deleted, n_held;
END;
$$;
