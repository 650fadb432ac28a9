package io.bisonsync.ops.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A named statement from {@code src/main/resources/sql/}, written like the camel-sql ones: parameters are
 * {@code :#name} and are always bound, never pasted into the text.
 */
final class SqlQuery {

    private static final Pattern PARAMETER = Pattern.compile(":#([A-Za-z][A-Za-z0-9]*)");

    private final String resource;
    private final String jdbc;
    private final List<String> names = new ArrayList<>();

    private SqlQuery(String resource, String text) {
        this.resource = resource;
        Matcher m = PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        this.jdbc = out.toString();
    }

    static SqlQuery load(String resource) {
        try (InputStream in = SqlQuery.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + resource + " is missing from the classpath");
            }
            return new SqlQuery(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The rows, each a column-label map in select order. */
    List<Map<String, Object>> rows(DataSource dataSource, Map<String, ?> parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(jdbc)) {
            for (int i = 0; i < names.size(); i++) {
                if (!parameters.containsKey(names.get(i))) {
                    throw new IllegalArgumentException(resource + " needs parameter " + names.get(i));
                }
                ps.setObject(i + 1, parameters.get(names.get(i)));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= md.getColumnCount(); col++) {
                        row.put(md.getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Override
    public String toString() {
        return resource;
    }
}
