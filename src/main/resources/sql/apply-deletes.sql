-- Deletes (or holds, see V2 migration) the accounts a complete read of the workspace did not see.
SELECT deleted, held
  FROM apply_workspace_deletes(:#${exchangeProperty.workspace.instanceName}, :#${exchangeProperty.workspace.workspaceId},
                               :#${exchangeProperty.workspace.seenIds}, :#${exchangeProperty.workspace.runId},
                               :#${bean:syncRuns?method=massDropThreshold}, :#${bean:syncRuns?method=confirmDropOnNextRead})
