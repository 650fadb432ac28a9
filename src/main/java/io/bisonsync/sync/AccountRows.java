package io.bisonsync.sync;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Maps one sender-email record to an {@link AccountRow}: typed fields for what dashboards filter on, plus the raw
 * record as JSONB. Only {@code id} and {@code email} are required; anything else may be missing, null or of an
 * unexpected type, and is then stored as null (the raw JSON keeps it). The row is written once, straight from the
 * parsed tree into compact UTF-8 JSON (no per-record map or string, no second serialization of the record).
 *
 * <p>PostgreSQL's text and jsonb cannot hold U+0000: a NUL character anywhere in the record (values or keys) is
 * stored as U+FFFD instead, so one such record never fails its batch.
 */
public final class AccountRows {

    /** The counter columns; the JSON field and the column have the same name. */
    static final String[] COUNTERS = {"emails_sent_count", "total_replied_count", "total_opened_count", "unsubscribed_count",
        "bounced_count", "unique_replied_count", "unique_opened_count", "total_leads_contacted_count", "interested_leads_count"};

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
        ByteArrayBuilder out = new ByteArrayBuilder(256 + record.size() * 48);
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, id, email, record);
        } catch (IOException e) {
            // a lone surrogate cannot be written as UTF-8: fall back to text, which encodes it as '?'
            return new AccountRow(id, withoutNul(textRow(id, email, record).getBytes(StandardCharsets.UTF_8)));
        }
        return new AccountRow(id, withoutNul(out.toByteArray()));
    }

    private String textRow(long id, String email, JsonNode record) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            write(g, id, email, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toString();
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

    private static final byte[] NUL_ESCAPE = "\\u0000".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT_ESCAPE = "\\ufffd".getBytes(StandardCharsets.US_ASCII);

    /**
     * Replaces the JSON escape of U+0000 (the generator writes every control character as an escape) by U+FFFD, in
     * place; an escaped backslash followed by "u0000" is text, not a NUL, and stays.
     */
    static byte[] withoutNul(byte[] json) {
        for (int at = indexOf(json, 0); at >= 0; at = indexOf(json, at + NUL_ESCAPE.length)) {
            int backslashes = 0;
            for (int i = at - 1; i >= 0 && json[i] == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 0) {
                System.arraycopy(REPLACEMENT_ESCAPE, 0, json, at, REPLACEMENT_ESCAPE.length);
            }
        }
        return json;
    }

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
}
