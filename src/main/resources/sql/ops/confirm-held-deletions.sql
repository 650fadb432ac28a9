-- An operator confirms a held mass drop: the workspace's rows marked pending_deletion are deleted.
DELETE FROM email_accounts_cache
 WHERE bison_instance = :#instance AND workspace_id = :#workspaceId AND sync_status = 'pending_deletion'
