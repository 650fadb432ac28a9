package io.bisonsync.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.util.PGobject;

/**
 * Turns JDBC rows into JSON-ready maps: snake_case columns become camelCase keys, timestamps ISO-8601 UTC strings,
 * arrays lists, and json/jsonb columns parsed JSON (kept as stored).
 */
final class JsonValues {

    private final ObjectMapper mapper;

    JsonValues(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Map<String, Object> row(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((column, value) -> out.put(camelCase(column), value(value)));
        return out;
    }

    Object value(Object value) {
        try {
            if (value instanceof Timestamp t) {
                return t.toInstant().toString();
            }
            if (value instanceof Temporal t) {
                return t.toString();
            }
            if (value instanceof Array a) {
                return Arrays.asList((Object[]) a.getArray());
            }
            if (value instanceof PGobject o && o.getType() != null && o.getType().startsWith("json")) {
                return o.getValue() == null ? null : mapper.readTree(o.getValue());
            }
            return value;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot convert a " + value.getClass().getSimpleName() + " to JSON", e);
        }
    }

    static String camelCase(String column) {
        StringBuilder out = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
