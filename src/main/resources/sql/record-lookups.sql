-- Remembers which cached accounts of the workspace were looked up in this run (the next runs look up the others
-- first) and, for the ones that answered 403, the first run that saw them moved (see sql/remove-moved-out.sql).
UPDATE email_accounts_cache
   SET last_lookup_run_id = :#runId,
       moved_seen_run_id = CASE WHEN bison_id = ANY (:#movedIds) THEN coalesce(moved_seen_run_id, :#runId) ELSE moved_seen_run_id END
 WHERE bison_instance = :#instance AND workspace_id = :#workspaceId AND bison_id = ANY (:#lookedUpIds)
