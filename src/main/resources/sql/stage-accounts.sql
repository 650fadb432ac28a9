-- One account row of a workspace being read, appended to the staging table as part of a JDBC batch
-- (bison.sync.batch-size rows). Nothing reaches email_accounts_cache until apply-workspace.sql.
INSERT INTO email_accounts_staging (
    run_id, bison_instance, workspace_id, bison_id, email_address, name, status, type, daily_limit, warmup_enabled, domain,
    workspace_name, tags,
    emails_sent_count, total_replied_count, total_opened_count, unsubscribed_count, bounced_count,
    unique_replied_count, unique_opened_count, total_leads_contacted_count, interested_leads_count,
    bison_created_at, bison_updated_at, account_data)
VALUES (
    :#runId, :#instance, :#workspaceId, :#bisonId, :#email, :#name, :#status, :#type, :#dailyLimit, :#warmupEnabled, :#domain,
    :#workspaceName, :#tags,
    :#emails_sent_count, :#total_replied_count, :#total_opened_count, :#unsubscribed_count, :#bounced_count,
    :#unique_replied_count, :#unique_opened_count, :#total_leads_contacted_count, :#interested_leads_count,
    :#createdAt, :#updatedAt, CAST(:#accountData AS jsonb))
