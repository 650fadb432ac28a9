-- Merges the workspace's staged rows into email_accounts_cache, deletes the accounts proven gone and holds the
-- held ones, in one transaction; answers the counts.
SELECT inserted, updated, deleted, held FROM apply_workspace(:#runId, :#instance, :#workspaceId, :#deleteIds, :#holdIds)
