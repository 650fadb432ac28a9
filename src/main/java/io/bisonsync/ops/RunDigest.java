package io.bisonsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's per-workspace results (email_sync_run_history.workspaces) in the figures an operator reads first:
 * workspaces complete of read ("58 of 60 complete"), accounts added, changed and removed, and why the others were
 * not complete, most common reason first (which ones: the run's workspaces_failed). A result without a workspace id
 * is a key's workspace list that failed: it counts as one workspace not complete.
 */
final class RunDigest {

    static final int REASONS = 5;

    private RunDigest() {
    }

    static Map<String, Object> of(JsonNode workspaces) {
        int read = 0;
        int complete = 0;
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        long held = 0;
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (JsonNode w : workspaces == null ? List.<JsonNode>of() : workspaces) {
            read++;
            inserted += w.path("inserted").asLong();
            updated += w.path("updated").asLong();
            deleted += w.path("deleted").asLong();
            held += w.path("held").asLong();
            String status = w.path("status").asText();
            if ("complete".equals(status)) {
                complete++;
                continue;
            }
            String reason = w.path("errorMessage").isTextual() && !w.path("errorMessage").asText().isBlank()
                    ? w.path("errorMessage").asText().strip()
                    : status;
            reasons.merge(reason, 1, Integer::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workspacesRead", read);
        out.put("workspacesComplete", complete);
        out.put("inserted", inserted);
        out.put("updated", updated);
        out.put("deleted", deleted);
        out.put("held", held);
        out.put("reasons", reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(REASONS)
                .map(e -> Map.<String, Object>of("reason", e.getKey(), "workspaces", e.getValue()))
                .toList());
        return out;
    }
}
