-- Accounts of one instance that a lookup saw moved (403) and that no read has served since, cached in one of the
-- workspaces the run planned: the candidates of deletion.MovedOutProof, those seen moved longest ago first.
SELECT bison_id, workspace_id
  FROM email_accounts_cache
 WHERE bison_instance = :#instance AND moved_seen_run_id IS NOT NULL AND workspace_id = ANY (:#workspaceIds)
 ORDER BY moved_seen_run_id, bison_id
 LIMIT :#limit
