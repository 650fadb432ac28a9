-- A lane whose workspace list failed: one failed result row without a workspace id.
INSERT INTO email_sync_workspace_results (run_id, bison_instance, workspace_id, workspace_name, status, error_class, error_message)
VALUES (:#runId, :#instance, NULL, :#workspaceName, 'failed', :#errorClass, :#errorMessage)
