package io.bisonsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
 *
 * <p>What PostgreSQL cannot store never reaches it: NUL characters and unpaired UTF-16 surrogates (text and jsonb
 * reject them) are replaced with U+FFFD, and the stored JSON lists where under {@value #REPLACED}; a timestamp
 * outside years 1 to 9999 is stored as null. So one hostile record can fail neither its batch nor its workspace.
 */
public final class AccountRows {

    static final String[] COUNTERS = {"emails_sent_count", "total_replied_count", "total_opened_count", "unsubscribed_count",
        "bounced_count", "unique_replied_count", "unique_opened_count", "total_leads_contacted_count", "interested_leads_count"};

    /** Key added to a stored record whose text had to be changed: the JSON pointers of what was replaced. */
    public static final String REPLACED = "_bison_sync_replaced";
    static final char REPLACEMENT = '\uFFFD';

    /** The row, or null when the record lacks a usable id or email (the caller counts it as rejected). */
    public Map<String, Object> toRow(JsonNode raw, WorkspaceRun workspace) {
        JsonNode record = storable(raw);
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
        row.put("workspaceName", storable(workspace.workspaceName()));
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
            OffsetDateTime at = OffsetDateTime.parse(text);
            // PostgreSQL's timestamptz ends in year 294276; a wilder value would fail the whole batch
            return at.getYear() >= 1 && at.getYear() <= 9999 ? at : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The record itself when PostgreSQL can store it, else a copy with the offending characters replaced and marked. */
    static JsonNode storable(JsonNode record) {
        List<String> replaced = new ArrayList<>();
        JsonNode clean = clean(record, "", replaced);
        if (replaced.isEmpty() || !clean.isObject()) {
            return replaced.isEmpty() ? record : clean;
        }
        ArrayNode where = ((ObjectNode) clean).putArray(REPLACED);
        replaced.forEach(where::add);
        return clean;
    }

    private static JsonNode clean(JsonNode node, String pointer, List<String> replaced) {
        if (node.isTextual()) {
            String text = storable(node.asText());
            if (text.equals(node.asText())) {
                return node;
            }
            replaced.add(pointer);
            return TextNode.valueOf(text);
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                out.add(clean(node.get(i), pointer + "/" + i, replaced));
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> {
                String name = storable(e.getKey());
                if (!name.equals(e.getKey())) {
                    replaced.add(pointer + "/" + name.replace("~", "~0").replace("/", "~1") + " (name)");
                }
                out.set(name, clean(e.getValue(), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), replaced));
            });
            return out;
        }
        return node;
    }

    /** {@code text} with NUL and unpaired surrogates replaced by U+FFFD (the same string when there are none). */
    static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = c == 0 || Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
