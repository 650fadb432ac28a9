-- Deletes need proof, always; accounts that left the synced scope. (Issue 18.)
--
-- Lookups are paced over runs (bison.sync.max-verifications per workspace and run, the rest held): the least
-- recently looked-up candidates go first, so an account that keeps answering 403 cannot starve the others.
-- An account whose lookup answered 403 (it lives in a workspace of the instance that this run did not show it in)
-- remembers the first run that saw it so: it is removed as moved_out only by a later run, one that began after
-- the move, in which every planned workspace of the instance was read completely and none served it. (A move
-- during a run, into a workspace whose read had already ended, would otherwise look the same.)
ALTER TABLE email_accounts_cache
    ADD COLUMN last_lookup_run_id BIGINT,
    ADD COLUMN moved_seen_run_id  BIGINT;
COMMENT ON COLUMN email_accounts_cache.last_lookup_run_id IS 'run of the last GET /api/sender-emails/{id} of this account (paced lookups: oldest first)';
COMMENT ON COLUMN email_accounts_cache.moved_seen_run_id IS 'first run whose lookup answered 403 (moved) for this account while cached here; cleared when a read serves it';

ALTER TABLE email_sync_workspace_results
    ADD COLUMN moved_out  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN key_checks INTEGER NOT NULL DEFAULT 0;
COMMENT ON COLUMN email_sync_workspace_results.key_checks IS 'super-admin reads: lookups sent to prove the key still pointed at the workspace (bison.sync.switch-check-pages)';
COMMENT ON COLUMN email_sync_workspace_results.moved_out IS 'accounts removed at run end: moved to a workspace bison-sync does not read (403 in two runs, every planned workspace of the instance read completely, none served it)';

CREATE OR REPLACE VIEW email_sync_run_history AS
SELECT l.id AS run_id, l.status, l.trigger, l.started_at, l.completed_at, l.duration_seconds,
       l.total_accounts_fetched, l.total_workspaces_processed, l.workspaces_failed, l.error_message,
       l.error_details, l.live_view_refreshed, l.summary -> 'by_instance' AS by_instance,
       (SELECT coalesce(json_agg(json_build_object(
                   'instance', r.bison_instance, 'workspaceId', r.workspace_id, 'workspace', r.workspace_name,
                   'status', r.status, 'pages', r.pages_fetched, 'accountsRead', r.accounts_read, 'apiTotal', r.api_total,
                   'inserted', r.inserted, 'updated', r.updated, 'unchanged', r.unchanged, 'deleted', r.deleted,
                   'held', r.held, 'rejected', r.rejected, 'recovered', r.recovered, 'moved', r.moved,
                   'movedOut', r.moved_out, 'keyChecks', r.key_checks,
                   'unverified', r.unverified, 'verifications', r.verifications, 'retries', r.retries,
                   'durationMs', r.duration_ms, 'errorClass', r.error_class, 'errorMessage', r.error_message)
                   ORDER BY r.bison_instance, r.workspace_name), '[]'::json)
          FROM email_sync_workspace_results r WHERE r.run_id = l.id) AS workspaces
  FROM email_sync_logs l;

-- apply_workspace() as in V4, except that an account a read served is no longer "seen moved".
CREATE OR REPLACE FUNCTION apply_workspace(p_run BIGINT, p_instance TEXT, p_workspace BIGINT, p_delete BIGINT[], p_hold BIGINT[])
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
            sync_status = 'success',
            moved_seen_run_id = NULL
        WHERE c.account_data IS DISTINCT FROM EXCLUDED.account_data
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

    DELETE FROM email_accounts_staging
     WHERE run_id = p_run AND bison_instance = p_instance AND workspace_id = p_workspace;
    RETURN QUERY SELECT n_inserted, n_updated, n_deleted, n_held;
END;
$$;
