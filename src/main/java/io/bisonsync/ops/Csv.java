package io.bisonsync.ops;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV of JDBC rows for the ops API's exports: a header of the given columns, then one line per row;
 * timestamps ISO-8601 UTC, arrays joined with "; ", every field quoted when it holds a comma, quote or line
 * break. A field starting with = + - @ TAB or CR (OWASP's formula starters) is prefixed with ' so that a spreadsheet never runs it as a formula
 * (workspace names and API errors come from outside).
 */
final class Csv {

    private Csv() {
    }

    static String of(List<Map<String, Object>> rows, List<String> columns) {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> row : rows) {
            out.append(columns.stream().map(c -> field(row.get(c))).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    static String field(Object value) {
        String text = text(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String text(Object value) {
        try {
            if (value == null) {
                return "";
            }
            if (value instanceof Timestamp t) {
                return t.toInstant().toString();
            }
            if (value instanceof Array a) {
                return Arrays.stream((Object[]) a.getArray()).map(String::valueOf).collect(Collectors.joining("; "));
            }
            return value.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an array column for CSV", e);
        }
    }
}
