package io.bisonsync.ops;

import java.util.List;

/**
 * The monitoring page's one-word answer to "is everything fine?". Healthy only when a run has finished, the last
 * one read every workspace completely, every check is UP and every workspace was read completely within
 * bison.health.max-sync-age; otherwise it says what is wrong first.
 */
record HealthBadge(String state, String text) {

    static HealthBadge of(String lastRunStatus, int workspacesComplete, int workspacesRead, List<String> checksDown,
                          long workspacesFailing, long workspacesStale, String maxSyncAge) {
        if (lastRunStatus == null) {
            return new HealthBadge("waiting", "no run finished yet");
        }
        if (!checksDown.isEmpty()) {
            return new HealthBadge("attention", "attention: " + String.join(", ", checksDown) + " DOWN");
        }
        if (!lastRunStatus.equals("success") && !lastRunStatus.equals("partial")) {
            return new HealthBadge("attention", "attention: the last run " + lastRunStatus);
        }
        if (workspacesStale > 0) {
            return new HealthBadge("attention", "attention: " + workspacesStale + " workspace(s) not read completely within " + maxSyncAge);
        }
        if (lastRunStatus.equals("partial") || workspacesFailing > 0) {
            return new HealthBadge("partial", "partial: " + workspacesComplete + " of " + workspacesRead + " complete");
        }
        return new HealthBadge("healthy", "healthy");
    }
}
