-- The write path's database cost (issue 22). A batch used to be one INSERT ... SELECT FROM jsonb_to_recordset over
-- the batch as one JSON array, and every staged row was parsed into typed columns and JSONB before the merge
-- compared it with the cache (about 250 us of PostgreSQL CPU per account; jsonb_to_recordset over a 500-element
-- array alone took most of it). Now:
--   * a batch is one COPY ... FROM STDIN into email_accounts_staging (sync.StagingCopy): the row's JSON as text,
--     not parsed, and a 64-bit hash of exactly those bytes (row_hash);
--   * apply_workspace() takes the workspace's staged rows out of the staging table (DELETE ... RETURNING, one
--     pass), skips every row whose hash, workspace and status match the cache's, and parses only the rest, once
--     (jsonb_to_record over that row's own JSON);
--   * email_accounts_cache.row_hash remembers the hash of the row it holds. Rows cached before this migration have
--     none: the first merge that sees such a row again compares it as before (account_data) and, when it is
--     unchanged, only stores the hash (no other column, last_changed_at untouched); after that run it is skipped.
DROP TABLE email_accounts_staging;
CREATE UNLOGGED TABLE email_accounts_staging (
    run_id          BIGINT NOT NULL,
    bison_instance  TEXT   NOT NULL,
    workspace_id    BIGINT NOT NULL,
    workspace_name  TEXT   NOT NULL,
    bison_id        BIGINT NOT NULL,
    row_hash        BIGINT NOT NULL,
    row_json        TEXT   NOT NULL
);
COMMENT ON TABLE email_accounts_staging IS 'scratch: rows of workspaces being read (COPY, one batch at a time), merged by apply_workspace()';
COMMENT ON COLUMN email_accounts_staging.row_json IS 'the row as sync.AccountRows writes it: typed fields and the raw record under "data", unparsed';
CREATE INDEX email_accounts_staging_workspace_idx ON email_accounts_staging (run_id, bison_instance, workspace_id);

ALTER TABLE email_accounts_cache ADD COLUMN row_hash BIGINT;
COMMENT ON COLUMN email_accounts_cache.row_hash IS 'hash of the staged row this row was written from (sync.StagingCopy): unchanged rows are skipped without parsing';

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
           AND c.account_data = (s.row_json::jsonb) -> 'data';
    END IF;

    WITH staged AS (
        DELETE FROM email_accounts_staging
         WHERE run_id = p_run AND bison_instance = p_instance AND workspace_id = p_workspace
        RETURNING workspace_name, bison_id, row_hash, row_json
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
        SELECT p_instance, r.id, r.email, r.name, r.status, r.type, r.daily_limit, r.warmup_enabled, r.domain,
               p_workspace, ch.workspace_name, coalesce(r.tags, '{}'),
               r.emails_sent_count, r.total_replied_count, r.total_opened_count, r.unsubscribed_count, r.bounced_count,
               r.unique_replied_count, r.unique_opened_count, r.total_leads_contacted_count, r.interested_leads_count,
               r.created_at, r.updated_at, r.data, ch.row_hash, p_run, p_run
          FROM changed ch
         CROSS JOIN LATERAL jsonb_to_record(ch.row_json::jsonb) AS r (
               id bigint, email text, name text, status text, type text, daily_limit integer, warmup_enabled boolean,
               domain text, tags text[],
               emails_sent_count bigint, total_replied_count bigint, total_opened_count bigint, unsubscribed_count bigint,
               bounced_count bigint, unique_replied_count bigint, unique_opened_count bigint,
               total_leads_contacted_count bigint, interested_leads_count bigint,
               created_at timestamptz, updated_at timestamptz, data jsonb)
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
