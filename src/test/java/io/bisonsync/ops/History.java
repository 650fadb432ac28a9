package io.bisonsync.ops;

import io.bisonsync.support.Db;
import java.time.Duration;

/** Stages sync history directly in PostgreSQL, for the health checks and the notifier to judge. */
final class History {

    private final Db db;

    History(Db db) {
        this.db = db;
    }

    /** Forgets every run, result and workspace state (accounts stay). */
    void clear() {
        db.execute("DELETE FROM email_sync_workspace_state");
        db.execute("DELETE FROM email_sync_logs");
    }

    /** A finished run that started {@code startedAgo} ago and took a minute; summary is JSON or null. */
    long run(String status, Duration startedAgo, String summary) {
        return ((Number) db.row("INSERT INTO email_sync_logs (status, trigger, started_at, completed_at, duration_seconds,"
                        + " summary, error_message, heartbeat_at)"
                        + " VALUES (?, 'schedule', now() - CAST(? AS interval), now() - CAST(? AS interval) + interval '1 minute', 60,"
                        + " CAST(? AS jsonb), ?, now()) RETURNING id",
                status, seconds(startedAgo), seconds(startedAgo), summary,
                status.equals("failed") ? "BisonApiException: HTTP 503 from every instance" : null).get("id")).longValue();
    }

    long run(String status, Duration startedAgo) {
        return run(status, startedAgo, null);
    }

    /**
     * A successful run that read one workspace per instance completely, with these accounts: "Maverick", 1000,
     * "Long Run", 300 (workspace "Maverick main", id 1, and so on); its summary counts the same.
     */
    long successfulRun(Duration startedAgo, Object... accountsByInstance) {
        StringBuilder json = new StringBuilder("{\"by_instance\": {");
        for (int i = 0; i < accountsByInstance.length; i += 2) {
            json.append(i == 0 ? "" : ", ").append('"').append(accountsByInstance[i]).append("\": {\"accounts\": ")
                    .append(accountsByInstance[i + 1]).append(", \"workspaces\": 1, \"workspaces_failed\": 0, \"pages\": 1}");
        }
        long run = run("success", startedAgo, json.append("}}").toString());
        for (int i = 0; i < accountsByInstance.length; i += 2) {
            result(run, (String) accountsByInstance[i], "complete", ((Number) accountsByInstance[i + 1]).intValue());
        }
        return run;
    }

    /** The result of the instance's one workspace ("Maverick main", id 1) in a run, and its latest state. */
    void result(long run, String instance, String status, int accounts) {
        db.execute("INSERT INTO email_sync_workspace_results (run_id, bison_instance, workspace_id, workspace_name, status,"
                        + " accounts_read, error_message, completed_at)"
                        + " SELECT id, ?, 1, ?, ?, ?, ?, completed_at FROM email_sync_logs WHERE id = ?",
                instance, instance + " main", status, accounts, status.equals("complete") ? null : "HTTP 500 from the API", run);
        db.execute("INSERT INTO email_sync_workspace_state (bison_instance, workspace_id, workspace_name, last_status, last_attempt_at)"
                        + " VALUES (?, 1, ?, ?, now()) ON CONFLICT (bison_instance, workspace_id) DO UPDATE SET last_status = EXCLUDED.last_status",
                instance, instance + " main", status);
    }

    void workspaceState(String instance, long workspaceId, String workspace, int consecutiveFailures) {
        db.execute("INSERT INTO email_sync_workspace_state (bison_instance, workspace_id, workspace_name, last_status,"
                        + " last_attempt_at, consecutive_failures, last_error) VALUES (?, ?, ?, 'failed', now(), ?, ?)"
                        + " ON CONFLICT (bison_instance, workspace_id) DO UPDATE SET consecutive_failures = EXCLUDED.consecutive_failures",
                instance, workspaceId, workspace, consecutiveFailures, "BisonApiException: HTTP 503 \"Service Unavailable\"");
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " seconds";
    }
}
