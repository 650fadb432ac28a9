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
import java.io.ByteArrayOutputStream;
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
        int[] dataStart = new int[1];
        byte[] bytes = utf8(id, email, record, dataStart);
        if (bytes == null || indexOf(bytes, 0) >= 0) {
            // a NUL character or an unpaired surrogate somewhere: store a cleaned, marked copy instead
            email = storable(email);
            record = storable(record);
            bytes = utf8(id, email, record, dataStart);
        }
        return new AccountRow(id, bytes, columns(email, record), dataStart[0]);
    }

    /**
     * The row as compact UTF-8 JSON, or null when the record holds text UTF-8 cannot encode (an unpaired surrogate);
     * {@code dataStart[0]} is set to where the raw record starts in it.
     */
    private byte[] utf8(long id, String email, JsonNode record, int[] dataStart) {
        ByteArrayBuilder out = new ByteArrayBuilder(256 + record.size() * 48);
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, id, email, record, out, dataStart);
        } catch (IOException e) {
            return null;
        }
        byte[] bytes = out.toByteArray();
        // the generator writes the ':' after "data" with the value
        while (dataStart[0] < bytes.length && bytes[dataStart[0]] != '{') {
            dataStart[0]++;
        }
        return bytes;
    }

    /**
     * The typed columns as COPY text, in the order of {@link StagingCopy#COPY} (email_address, name, status, type,
     * domain, daily_limit, warmup_enabled, tags, the counters, bison_created_at, bison_updated_at), each followed by a
     * tab; null is {@code \N}: the same values the JSON row holds, from the same rules.
     */
    static byte[] columns(String email, JsonNode record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        StagingCopy.field(out, email);
        for (String field : TEXTS) {
            StagingCopy.field(out, text(record, field));
        }
        Integer limit = dailyLimit(record);
        StagingCopy.field(out, limit == null ? null : limit.toString());
        Boolean warmup = warmup(record);
        StagingCopy.field(out, warmup == null ? null : warmup ? "t" : "f");
        StringBuilder array = new StringBuilder("{");
        for (String tag : tags(record)) {
            array.append(array.length() > 1 ? "," : "").append('"')
                    .append(tag.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        StagingCopy.field(out, array.append('}').toString());
        for (String counter : COUNTERS) {
            Long n = counter(record, counter);
            StagingCopy.field(out, n == null ? null : n.toString());
        }
        StagingCopy.field(out, timestamp(record, "created_at"));
        StagingCopy.field(out, timestamp(record, "updated_at"));
        return out.toByteArray();
    }

    private void write(JsonGenerator g, long id, String email, JsonNode record, ByteArrayBuilder out, int[] dataStart)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("email", email);
        for (String field : TEXTS) {
            g.writeStringField(field, text(record, field));
        }
        Integer limit = dailyLimit(record);
        if (limit != null) {
            g.writeNumberField("daily_limit", limit);
        }
        Boolean warmup = warmup(record);
        if (warmup != null) {
            g.writeBooleanField("warmup_enabled", warmup);
        }
        g.writeArrayFieldStart("tags");
        for (String tag : tags(record)) {
            g.writeString(tag);
        }
        g.writeEndArray();
        for (String counter : COUNTERS) {
            Long n = counter(record, counter);
            if (n != null) {
                g.writeNumberField(counter, n);
            }
        }
        for (String field : new String[] {"created_at", "updated_at"}) {
            String at = timestamp(record, field);
            if (at != null) {
                g.writeStringField(field, at);
            }
        }
        g.writeFieldName("data");
        g.flush();
        dataStart[0] = out.size();
        mapper.writeTree(g, record);
        g.writeEndObject();
    }

    private static Integer dailyLimit(JsonNode record) {
        JsonNode limit = record.get("daily_limit");
        return limit != null && limit.isIntegralNumber() && limit.canConvertToInt() ? limit.asInt() : null;
    }

    private static Boolean warmup(JsonNode record) {
        JsonNode warmup = record.get("warmup_enabled");
        return warmup != null && warmup.isBoolean() ? warmup.asBoolean() : null;
    }

    /** The tag names: a tag is a string or an object with a name; others are left out. */
    private static List<String> tags(JsonNode record) {
        JsonNode tags = record.get("tags");
        if (tags == null || !tags.isArray() || tags.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(tags.size());
        for (JsonNode tag : tags) {
            String name = tag.isTextual() ? tag.asText() : text(tag, "name");
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static Long counter(JsonNode record, String counter) {
        JsonNode n = record.get(counter);
        return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.asLong() : null;
    }

    /** A value as text: null for a missing, null or container value; numbers and booleans as their text. */
    private static String text(JsonNode record, String field) {
        JsonNode n = record.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /**
     * An ISO-8601 timestamp with offset, as an instant PostgreSQL reads; null when it does not parse or lies outside
     * the years 1 to 9999 (the raw record keeps it).
     */
    private static String timestamp(JsonNode record, String field) {
        String text = text(record, field);
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            int year = at.toInstant().atOffset(java.time.ZoneOffset.UTC).getYear();
            return year >= 1 && year <= 9999 ? at.toInstant().toString() : null;
        } catch (DateTimeParseException e) {
            return null; // not a timestamp: null column
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
