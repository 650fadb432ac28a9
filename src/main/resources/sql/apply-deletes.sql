-- Deletes the workspace's accounts proven gone and holds (pending_deletion) the ones sync.DeletionPolicy held.
SELECT deleted, held FROM apply_workspace_deletes(:#instance, :#workspaceId, :#deleteIds, :#holdIds, :#runId)
