package io.bisonsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one sender-email record to the named parameters of {@code sql/stage-accounts.sql}: typed columns for what
 * dashboards filter on, plus the raw record as JSONB. Only {@code id} and {@code email} are required; anything
 * else may be missing, null or of an unexpected type, and is then stored as null (the raw JSON keeps it).
 */
public final class AccountRows {

    static final String[] COUNTERS = {"emails_sent_count", "total_replied_count", "total_opened_count", "unsubscribed_count",
        "bounced_count", "unique_replied_count", "unique_opened_count", "total_leads_contacted_count", "interested_leads_count"};

    /** The row, or null when the record lacks a usable id or email (the caller counts it as rejected). */
    public Map<String, Object> toRow(JsonNode record, WorkspaceRun workspace) {
        Long id = record.path("id").canConvertToLong() && record.path("id").isIntegralNumber() ? record.path("id").asLong() : null;
        String email = text(record, "email");
        if (id == null || email == null || email.isBlank()) {
            return null;
        }
        Map<String, Object> row = new HashMap<>(40);
        row.put("instance", workspace.instanceName());
        row.put("bisonId", id);
        row.put("email", email);
        row.put("name", text(record, "name"));
        row.put("status", text(record, "status"));
        row.put("type", text(record, "type"));
        row.put("dailyLimit", integer(record, "daily_limit"));
        row.put("warmupEnabled", record.path("warmup_enabled").isBoolean() ? record.get("warmup_enabled").asBoolean() : null);
        row.put("domain", text(record, "domain"));
        row.put("workspaceId", workspace.workspaceId());
        row.put("workspaceName", workspace.workspaceName());
        row.put("tags", tagNames(record.path("tags")));
        for (String counter : COUNTERS) {
            row.put(counter, record.path(counter).isIntegralNumber() ? record.get(counter).asLong() : null);
        }
        row.put("createdAt", timestamp(record, "created_at"));
        row.put("updatedAt", timestamp(record, "updated_at"));
        row.put("accountData", record.toString());
        row.put("runId", workspace.runId());
        return row;
    }

    private static String text(JsonNode record, String field) {
        JsonNode n = record.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    private static Integer integer(JsonNode record, String field) {
        JsonNode n = record.get(field);
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : null;
    }

    private static String[] tagNames(JsonNode tags) {
        List<String> names = new ArrayList<>();
        if (tags.isArray()) {
            for (JsonNode tag : tags) {
                String name = tag.isTextual() ? tag.asText() : text(tag, "name");
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names.toArray(String[]::new);
    }

    private static OffsetDateTime timestamp(JsonNode record, String field) {
        String text = text(record, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
