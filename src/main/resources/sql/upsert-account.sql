-- One batch (bison.sync.batch-size rows of one workspace) in one statement: :#rows is the JSON array of the batch's
-- rows (sync.AccountRow) as UTF-8 bytes, unpacked by jsonb_to_recordset; every value is a bound parameter. Differential: an account
-- whose data, workspace and status are unchanged is not rewritten (no new row version).
INSERT INTO email_accounts_cache AS c (
    bison_instance, bison_id, email_address, name, status, type, daily_limit, warmup_enabled, domain,
    workspace_id, workspace_name, tags,
    emails_sent_count, total_replied_count, total_opened_count, unsubscribed_count, bounced_count,
    unique_replied_count, unique_opened_count, total_leads_contacted_count, interested_leads_count,
    bison_created_at, bison_updated_at, account_data, first_seen_run_id, last_sync_run_id)
SELECT CAST(:#instance AS text), r.id, r.email, r.name, r.status, r.type, r.daily_limit, r.warmup_enabled, r.domain,
       CAST(:#workspaceId AS bigint), CAST(:#workspaceName AS text), coalesce(r.tags, '{}'),
       r.emails_sent_count, r.total_replied_count, r.total_opened_count, r.unsubscribed_count, r.bounced_count,
       r.unique_replied_count, r.unique_opened_count, r.total_leads_contacted_count, r.interested_leads_count,
       r.created_at, r.updated_at, r.data, CAST(:#runId AS bigint), CAST(:#runId AS bigint)
  FROM jsonb_to_recordset(CAST(convert_from(CAST(:#rows AS bytea), 'UTF8') AS jsonb)) AS r (
       id bigint, email text, name text, status text, type text, daily_limit integer, warmup_enabled boolean,
       domain text, tags text[],
       emails_sent_count bigint, total_replied_count bigint, total_opened_count bigint, unsubscribed_count bigint,
       bounced_count bigint, unique_replied_count bigint, unique_opened_count bigint,
       total_leads_contacted_count bigint, interested_leads_count bigint,
       created_at timestamptz, updated_at timestamptz, data jsonb)
ON CONFLICT (bison_instance, bison_id) DO UPDATE SET
    email_address = EXCLUDED.email_address,
    name = EXCLUDED.name,
    status = EXCLUDED.status,
    type = EXCLUDED.type,
    daily_limit = EXCLUDED.daily_limit,
    warmup_enabled = EXCLUDED.warmup_enabled,
    domain = EXCLUDED.domain,
    workspace_id = EXCLUDED.workspace_id,
    workspace_name = EXCLUDED.workspace_name,
    tags = EXCLUDED.tags,
    emails_sent_count = EXCLUDED.emails_sent_count,
    total_replied_count = EXCLUDED.total_replied_count,
    total_opened_count = EXCLUDED.total_opened_count,
    unsubscribed_count = EXCLUDED.unsubscribed_count,
    bounced_count = EXCLUDED.bounced_count,
    unique_replied_count = EXCLUDED.unique_replied_count,
    unique_opened_count = EXCLUDED.unique_opened_count,
    total_leads_contacted_count = EXCLUDED.total_leads_contacted_count,
    interested_leads_count = EXCLUDED.interested_leads_count,
    bison_created_at = EXCLUDED.bison_created_at,
    bison_updated_at = EXCLUDED.bison_updated_at,
    account_data = EXCLUDED.account_data,
    last_changed_at = now(),
    last_synced_at = now(),
    last_sync_run_id = EXCLUDED.last_sync_run_id,
    sync_status = 'success'
WHERE c.account_data IS DISTINCT FROM EXCLUDED.account_data
   OR c.workspace_id IS DISTINCT FROM EXCLUDED.workspace_id
   OR c.workspace_name IS DISTINCT FROM EXCLUDED.workspace_name
   OR c.sync_status <> 'success'
