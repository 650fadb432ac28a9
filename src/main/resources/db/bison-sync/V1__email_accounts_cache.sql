-- bison-sync schema: the cache of Email Bison sender emails, the run log, per-workspace results,
-- the dashboard's materialized view and its helper functions (see the seed design note).

-- Settings the SQL functions read; the application writes its configured values here at start-up,
-- so SQL callers (dashboards, psql) get the same thresholds as the application.
CREATE TABLE email_sync_settings (
    id                   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    live_window          INTERVAL NOT NULL DEFAULT INTERVAL '2 hours',
    healthy_within       INTERVAL NOT NULL DEFAULT INTERVAL '60 minutes',
    log_retention        INTERVAL NOT NULL DEFAULT INTERVAL '30 days'
);
INSERT INTO email_sync_settings DEFAULT VALUES;

-- One row per sender email; natural key (instance, bison id).
CREATE TABLE email_accounts_cache (
    id                          BIGSERIAL PRIMARY KEY,
    bison_instance              TEXT        NOT NULL,
    bison_id                    BIGINT      NOT NULL,
    email_address               TEXT        NOT NULL,
    name                        TEXT,
    status                      TEXT,
    type                        TEXT,
    daily_limit                 INTEGER,
    warmup_enabled              BOOLEAN,
    domain                      TEXT,
    workspace_id                BIGINT      NOT NULL,
    workspace_name              TEXT        NOT NULL,
    tags                        TEXT[]      NOT NULL DEFAULT '{}',
    emails_sent_count           BIGINT,
    total_replied_count         BIGINT,
    total_opened_count          BIGINT,
    unsubscribed_count          BIGINT,
    bounced_count               BIGINT,
    unique_replied_count        BIGINT,
    unique_opened_count         BIGINT,
    total_leads_contacted_count BIGINT,
    interested_leads_count      BIGINT,
    bison_created_at            TIMESTAMPTZ,
    bison_updated_at            TIMESTAMPTZ,
    account_data                JSONB       NOT NULL,
    -- sync metadata. A row is written only when it is new or changed (differential writes), so
    -- last_synced_at is "last written by a sync"; per-workspace freshness lives in
    -- email_sync_workspace_state.last_success_at and is what email_accounts_live exposes.
    first_seen_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    first_seen_run_id           BIGINT,
    last_changed_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_synced_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_sync_run_id            BIGINT,
    -- success: read by a sync; pending_deletion: absent from a complete read, deletion held by the
    -- mass-drop gate until confirmed.
    sync_status                 TEXT        NOT NULL DEFAULT 'success'
                                CHECK (sync_status IN ('success', 'pending_deletion')),
    CONSTRAINT email_accounts_cache_natural_key UNIQUE (bison_instance, bison_id)
);
CREATE INDEX email_accounts_cache_workspace_idx ON email_accounts_cache (bison_instance, workspace_id);
CREATE INDEX email_accounts_cache_email_idx ON email_accounts_cache (email_address);
CREATE INDEX email_accounts_cache_status_idx ON email_accounts_cache (status);
CREATE INDEX email_accounts_cache_tags_idx ON email_accounts_cache USING GIN (tags);

-- One row per sync run.
CREATE TABLE email_sync_logs (
    id                          BIGSERIAL PRIMARY KEY,
    started_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at                TIMESTAMPTZ,
    duration_seconds            NUMERIC(12, 3),
    -- abandoned: the process died mid-run (no heartbeat); closed by the next start or run.
    status                      TEXT        NOT NULL DEFAULT 'running'
                                CHECK (status IN ('running', 'success', 'partial', 'failed', 'abandoned')),
    trigger                     TEXT        NOT NULL CHECK (trigger IN ('schedule', 'manual', 'startup')),
    total_accounts_fetched      INTEGER     NOT NULL DEFAULT 0,
    total_workspaces_processed  INTEGER     NOT NULL DEFAULT 0,
    workspaces_failed           TEXT[]      NOT NULL DEFAULT '{}',
    error_message               TEXT,
    error_details               JSONB,
    summary                     JSONB,
    live_view_refreshed         BOOLEAN,
    heartbeat_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX email_sync_logs_started_idx ON email_sync_logs (started_at DESC);

-- One row per workspace per run, so an operator sees which workspace failed and why.
CREATE TABLE email_sync_workspace_results (
    id               BIGSERIAL PRIMARY KEY,
    run_id           BIGINT      NOT NULL REFERENCES email_sync_logs (id) ON DELETE CASCADE,
    bison_instance   TEXT        NOT NULL,
    workspace_id     BIGINT,     -- null when the instance's workspace list itself failed
    workspace_name   TEXT        NOT NULL,
    -- complete: read to the end, ids match meta.total; held: complete but deletions held (mass drop);
    -- truncated: max pages reached; timed_out: workspace timeout; incomplete: distinct ids differ from
    -- meta.total; failed: error after retries.
    status           TEXT        NOT NULL
                     CHECK (status IN ('complete', 'held', 'truncated', 'timed_out', 'incomplete', 'failed')),
    pages_fetched    INTEGER     NOT NULL DEFAULT 0,
    accounts_read    INTEGER     NOT NULL DEFAULT 0,
    api_total        INTEGER,
    inserted         INTEGER     NOT NULL DEFAULT 0,
    updated          INTEGER     NOT NULL DEFAULT 0,
    unchanged        INTEGER     NOT NULL DEFAULT 0,
    deleted          INTEGER     NOT NULL DEFAULT 0,
    held             INTEGER     NOT NULL DEFAULT 0,
    rejected         INTEGER     NOT NULL DEFAULT 0,
    batches          INTEGER     NOT NULL DEFAULT 0,
    retries          INTEGER     NOT NULL DEFAULT 0,
    duration_ms      BIGINT      NOT NULL DEFAULT 0,
    error_class      TEXT,
    error_message    TEXT,
    completed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX email_sync_workspace_results_run_idx ON email_sync_workspace_results (run_id);
CREATE INDEX email_sync_workspace_results_ws_idx
    ON email_sync_workspace_results (bison_instance, workspace_id, completed_at DESC);

-- Latest state per workspace: what the live view and the alerts need without scanning history.
CREATE TABLE email_sync_workspace_state (
    bison_instance        TEXT        NOT NULL,
    workspace_id          BIGINT      NOT NULL,
    workspace_name        TEXT        NOT NULL,
    last_status           TEXT        NOT NULL,
    last_attempt_at       TIMESTAMPTZ NOT NULL,
    last_success_at       TIMESTAMPTZ,
    last_success_run_id   BIGINT,
    consecutive_failures  INTEGER     NOT NULL DEFAULT 0,
    last_error            TEXT,
    PRIMARY KEY (bison_instance, workspace_id)
);

-- The dashboard's read model: accounts of workspaces whose last successful sync is recent.
-- last_synced_at is the workspace's last successful (complete) read.
CREATE MATERIALIZED VIEW email_accounts_live AS
SELECT c.id,
       c.bison_instance,
       c.bison_id,
       c.email_address,
       c.name,
       c.status,
       c.type,
       c.daily_limit,
       c.warmup_enabled,
       c.domain,
       c.workspace_id,
       c.workspace_name,
       c.tags,
       c.emails_sent_count,
       c.total_replied_count,
       c.total_opened_count,
       c.unsubscribed_count,
       c.bounced_count,
       c.unique_replied_count,
       c.unique_opened_count,
       c.total_leads_contacted_count,
       c.interested_leads_count,
       c.account_data,
       c.sync_status,
       s.last_success_at AS last_synced_at
FROM email_accounts_cache c
JOIN email_sync_workspace_state s
  ON s.bison_instance = c.bison_instance AND s.workspace_id = c.workspace_id
WHERE s.last_success_at > now() - (SELECT live_window FROM email_sync_settings)
WITH DATA;
CREATE UNIQUE INDEX email_accounts_live_key ON email_accounts_live (bison_instance, bison_id);
CREATE INDEX email_accounts_live_workspace_idx ON email_accounts_live (bison_instance, workspace_id);

CREATE FUNCTION refresh_email_accounts_live() RETURNS VOID
LANGUAGE sql AS $$
    REFRESH MATERIALIZED VIEW CONCURRENTLY email_accounts_live;
$$;

-- "Healthy": a run that succeeded or was partial finished within email_sync_settings.healthy_within,
-- and the latest finished run did not fail.
CREATE FUNCTION get_email_sync_health()
RETURNS TABLE (
    last_sync_time          TIMESTAMPTZ,
    last_sync_status        TEXT,
    total_accounts          BIGINT,
    minutes_since_last_sync NUMERIC,
    is_healthy              BOOLEAN,
    last_success_time       TIMESTAMPTZ,
    running                 BOOLEAN
)
LANGUAGE sql STABLE AS $$
    WITH last_run AS (
        SELECT completed_at, status FROM email_sync_logs
        WHERE status <> 'running' ORDER BY started_at DESC LIMIT 1
    ), last_success AS (
        SELECT max(completed_at) AS at FROM email_sync_logs WHERE status IN ('success', 'partial')
    )
    SELECT lr.completed_at,
           lr.status,
           (SELECT count(*) FROM email_accounts_cache),
           round((extract(epoch FROM now() - lr.completed_at) / 60)::numeric, 1),
           coalesce(ls.at > now() - (SELECT healthy_within FROM email_sync_settings)
                    AND lr.status <> 'failed', FALSE),
           ls.at,
           EXISTS (SELECT 1 FROM email_sync_logs WHERE status = 'running')
    FROM (SELECT 1) one
    LEFT JOIN last_run lr ON TRUE
    LEFT JOIN last_success ls ON TRUE;
$$;

-- Deletes run logs (and, by cascade, their workspace results) older than the retention.
CREATE FUNCTION cleanup_old_email_sync_logs(retention INTERVAL DEFAULT NULL) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    removed INTEGER;
BEGIN
    DELETE FROM email_sync_logs
    WHERE started_at < now() - coalesce(retention, (SELECT log_retention FROM email_sync_settings))
      AND status <> 'running';
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$;
