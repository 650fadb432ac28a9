-- Issue 18 moved the "moved out" rule from "403 in two runs" to one run's proof (deletion.MovedOutProof): the column
-- comments of V9_18 said the old rule. V9_18 itself stays as applied (editing it would change its checksum).
COMMENT ON COLUMN email_accounts_cache.moved_seen_run_id IS 'first run whose lookup answered 403 (moved) for this account while cached here; cleared when a read serves it or the proof finds it in another workspace of its instance';
COMMENT ON COLUMN email_sync_workspace_results.moved_out IS 'accounts removed at run end: their lookup answered 403, every planned workspace of the instance was read completely in this run, and a lookup in each of them (deletion.MovedOutProof) found the account in none';
