-- Deletes the accounts of one completely read workspace that the read did not see, in one statement (so a
-- workspace's deletes commit atomically, after all its upserts). The mass-drop gate: when more than
-- p_max_drop of the accounts cached before this run are missing, nothing is deleted; the missing rows are
-- marked pending_deletion ("held"). A later complete read that finds exactly the held rows still missing
-- confirms the drop and deletes them when p_confirm_held is true.
CREATE FUNCTION apply_workspace_deletes(p_instance TEXT, p_workspace BIGINT, p_seen BIGINT[], p_run BIGINT,
                                        p_max_drop DOUBLE PRECISION, p_confirm_held BOOLEAN)
RETURNS TABLE (deleted INTEGER, held INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
    cached_before INTEGER;
    missing       INTEGER;
    already_held  INTEGER;
    n             INTEGER;
BEGIN
    SELECT count(*) FILTER (WHERE first_seen_run_id IS DISTINCT FROM p_run),
           count(*) FILTER (WHERE NOT (bison_id = ANY (p_seen))),
           count(*) FILTER (WHERE NOT (bison_id = ANY (p_seen)) AND sync_status = 'pending_deletion')
      INTO cached_before, missing, already_held
      FROM email_accounts_cache
     WHERE bison_instance = p_instance AND workspace_id = p_workspace;

    IF missing = 0 THEN
        RETURN QUERY SELECT 0, 0;
        RETURN;
    END IF;

    IF missing > cached_before * p_max_drop AND NOT (p_confirm_held AND already_held = missing) THEN
        UPDATE email_accounts_cache
           SET sync_status = 'pending_deletion', last_changed_at = now(), last_sync_run_id = p_run
         WHERE bison_instance = p_instance AND workspace_id = p_workspace
           AND NOT (bison_id = ANY (p_seen)) AND sync_status <> 'pending_deletion';
        RETURN QUERY SELECT 0, missing;
        RETURN;
    END IF;

    DELETE FROM email_accounts_cache
     WHERE bison_instance = p_instance AND workspace_id = p_workspace AND NOT (bison_id = ANY (p_seen));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN QUERY SELECT n, 0;
END;
$$;
