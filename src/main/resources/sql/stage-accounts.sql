-- One batch (bison.sync.batch-size rows of one workspace being read) in one statement, appended to the staging
-- table: :#rows is the JSON array of the batch's rows (write.AccountRow) as UTF-8 bytes, unpacked by
-- jsonb_to_recordset; every value is a bound parameter. Nothing reaches email_accounts_cache until
-- apply-workspace.sql merges the workspace in one transaction.
INSERT INTO email_accounts_staging (
    run_id, bison_instance, workspace_id, workspace_name, bison_id, email_address, name, status, type, daily_limit,
    warmup_enabled, domain, tags,
    emails_sent_count, total_replied_count, total_opened_count, unsubscribed_count, bounced_count,
    unique_replied_count, unique_opened_count, total_leads_contacted_count, interested_leads_count,
    bison_created_at, bison_updated_at, account_data)
SELECT CAST(:#runId AS bigint), CAST(:#instance AS text), CAST(:#workspaceId AS bigint), CAST(:#workspaceName AS text),
       r.id, r.email, r.name, r.status, r.type, r.daily_limit, r.warmup_enabled, r.domain, coalesce(r.tags, '{}'),
       r.emails_sent_count, r.total_replied_count, r.total_opened_count, r.unsubscribed_count, r.bounced_count,
       r.unique_replied_count, r.unique_opened_count, r.total_leads_contacted_count, r.interested_leads_count,
       r.created_at, r.updated_at, r.data
  FROM jsonb_to_recordset(CAST(convert_from(CAST(:#rows AS bytea), 'UTF8') AS jsonb)) AS r (
       id bigint, email text, name text, status text, type text, daily_limit integer, warmup_enabled boolean,
       domain text, tags text[],
       emails_sent_count bigint, total_replied_count bigint, total_opened_count bigint, unsubscribed_count bigint,
       bounced_count bigint, unique_replied_count bigint, unique_opened_count bigint,
       total_leads_contacted_count bigint, interested_leads_count bigint,
       created_at timestamptz, updated_at timestamptz, data jsonb)
