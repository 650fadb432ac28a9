-- Deletes only what was proven gone (issue 9). A complete read no longer deletes every cached account it did not
-- see: each one is looked up (GET /api/sender-emails/{id}) and only a 404 deletes it. The decision (verify, hold
-- for a mass drop, delete a confirmed drop) is made in Java (sync.DeletionPolicy); this function only applies it.

DROP FUNCTION apply_workspace_deletes(TEXT, BIGINT, BIGINT[], BIGINT, DOUBLE PRECISION, BOOLEAN);

-- Deletes p_delete and marks p_hold pending_deletion, both only while the row is still in this workspace (an
-- account another workspace's read has just moved in place is not touched).
CREATE FUNCTION apply_workspace_deletes(p_instance TEXT, p_workspace BIGINT, p_delete BIGINT[], p_hold BIGINT[], p_run BIGINT)
RETURNS TABLE (deleted INTEGER, held INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
    n_deleted INTEGER;
    n_held    INTEGER;
BEGIN
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
    RETURN QUERY SELECT n_deleted, n_held;
END;
$$;

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
