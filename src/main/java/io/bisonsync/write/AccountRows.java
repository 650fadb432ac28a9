package io.bisonsync.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one sender-email record to an {@link AccountRow}: typed fields for what dashboards filter on, plus the raw
 * record as JSONB. Only {@code id} and {@code email} are required; anything else may be missing, null or of an
 * unexpected type, and is then stored as null (the raw JSON keeps it). The row is written once, straight from the
 * parsed tree into compact UTF-8 JSON (no per-record map or string, no second serialization of the record).
 *
 * <p>What PostgreSQL cannot store never reaches it: NUL characters and unpaired UTF-16 surrogates (text and jsonb
 * reject them) are replaced with U+FFFD, and the stored JSON lists where under {@value #REPLACED}; a timestamp
 * outside years 1 to 9999 is stored as null. So one hostile record can fail neither its batch nor its workspace.
 * The common record takes the fast path (one pass from the tree to bytes); only a record whose bytes carry a NUL
 * escape, or that cannot be written as UTF-8, is copied and cleaned.
 */
public final class AccountRows {

    /** The counter columns; the JSON field and the column have the same name. */
    static final String[] COUNTERS = {"emails_sent_count", "total_replied_count", "total_opened_count", "unsubscribed_count",
        "bounced_count", "unique_replied_count", "unique_opened_count", "total_leads_contacted_count", "interested_leads_count"};

    /** Key added to a stored record whose text had to be changed: the JSON pointers of what was replaced. */
    public static final String REPLACED = "_bison_sync_replaced";
    static final char REPLACEMENT = '\uFFFD';

    private static final String[] TEXTS = {"name", "status", "type", "domain"};
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory json = mapper.getFactory();

    /** The row, or null when the record lacks a usable id or email (the caller counts it as rejected). */
    public AccountRow toRow(JsonNode record) {
        JsonNode idNode = record.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
            return null;
        }
        String email = text(record, "email");
        if (email == null || email.isBlank()) {
            return null;
        }
        long id = idNode.asLong();
        byte[] bytes = utf8(id, email, record);
        if (bytes == null || indexOf(bytes, 0) >= 0) {
            // a NUL character or an unpaired surrogate somewhere: store a cleaned, marked copy instead
            bytes = utf8(id, storable(email), storable(record));
        }
        return new AccountRow(id, bytes);
    }

    /** The row as compact UTF-8 JSON, or null when the record holds text UTF-8 cannot encode (an unpaired surrogate). */
    private byte[] utf8(long id, String email, JsonNode record) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 + record.size() * 48);
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, id, email, record);
        } catch (IOException e) {
            return null;
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator g, long id, String email, JsonNode record) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("email", email);
        for (String field : TEXTS) {
            g.writeStringField(field, text(record, field));
        }
        JsonNode limit = record.get("daily_limit");
        if (limit != null && limit.isIntegralNumber() && limit.canConvertToInt()) {
            g.writeNumberField("daily_limit", limit.asInt());
        }
        JsonNode warmup = record.get("warmup_enabled");
        if (warmup != null && warmup.isBoolean()) {
            g.writeBooleanField("warmup_enabled", warmup.asBoolean());
        }
        g.writeArrayFieldStart("tags");
        JsonNode tags = record.get("tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode tag : tags) {
                String name = tag.isTextual() ? tag.asText() : text(tag, "name");
                if (name != null) {
                    g.writeString(name);
                }
            }
        }
        g.writeEndArray();
        for (String counter : COUNTERS) {
            JsonNode n = record.get(counter);
            if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
                g.writeNumberField(counter, n.asLong());
            }
        }
        timestamp(g, record, "created_at");
        timestamp(g, record, "updated_at");
        g.writeFieldName("data");
        mapper.writeTree(g, record);
        g.writeEndObject();
    }

    /** A value as text: null for a missing, null or container value; numbers and booleans as their text. */
    private static String text(JsonNode record, String field) {
        JsonNode n = record.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /**
     * An ISO-8601 timestamp with offset, as an instant PostgreSQL reads; left out (null) when it does not parse or
     * lies outside the years 1 to 9999 (the raw record keeps it).
     */
    private static void timestamp(JsonGenerator g, JsonNode record, String field) throws IOException {
        String text = text(record, field);
        if (text == null) {
            return;
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            int year = at.toInstant().atOffset(java.time.ZoneOffset.UTC).getYear();
            if (year >= 1 && year <= 9999) {
                g.writeStringField(field, at.toInstant().toString());
            }
        } catch (DateTimeParseException e) {
            // not a timestamp: null column
        }
    }

    /** The JSON escape of U+0000 (the generator writes every control character as an escape). */
    private static final byte[] NUL_ESCAPE = "\\u0000".getBytes(StandardCharsets.US_ASCII);

    private static int indexOf(byte[] json, int from) {
        outer:
        for (int i = from; i <= json.length - NUL_ESCAPE.length; i++) {
            if (json[i] != '\\') {
                continue;
            }
            for (int j = 1; j < NUL_ESCAPE.length; j++) {
                if (json[i + j] != NUL_ESCAPE[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
