package io.bisonsync.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helper for assertions against the real database. */
public record Db(String url) {

    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = TestPostgres.connect(url); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            if (!ps.execute()) {
                return out;
            }
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row from " + sql + " but got " + rows.size());
        }
        return rows.get(0);
    }

    public long count(String sql, Object... params) {
        Object v = row(sql, params).values().iterator().next();
        return ((Number) v).longValue();
    }

    public void execute(String sql, Object... params) {
        rows(sql, params);
    }
}
