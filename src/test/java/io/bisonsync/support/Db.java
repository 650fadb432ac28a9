package io.bisonsync.support;

import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Assertions against the real database through Spring's {@link JdbcTemplate}, with {@code ?} parameters: a new
 * connection per statement (no pool, so a test may stop the server under it), rows as column-label maps in select
 * order.
 */
public final class Db {

    /** Case-sensitive, ordered rows, as the tests compare them with plain maps. */
    private static final ColumnMapRowMapper ROWS = new ColumnMapRowMapper() {
        @Override
        protected Map<String, Object> createColumnMap(int columnCount) {
            return new LinkedHashMap<>(columnCount);
        }
    };

    private final String url;
    private final JdbcTemplate jdbc;

    public Db(String url) {
        this(url, new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD));
    }

    private Db(String url, javax.sql.DataSource dataSource) {
        this.url = url;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The same database through one connection kept open, for a test that asks thousands of times from one thread
     * (a new connection per statement is a server process and a password exchange each time).
     */
    public Db oneConnection() {
        return new Db(url, new org.springframework.jdbc.datasource.SingleConnectionDataSource(url, TestPostgres.USER,
                TestPostgres.PASSWORD, true));
    }

    public String url() {
        return url;
    }

    public List<Map<String, Object>> rows(String sql, Object... params) {
        return jdbc.query(sql, ROWS, params);
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

    /** Any statement: DDL, DML, or a SELECT run for its effect (its rows are dropped). */
    public void execute(String sql, Object... params) {
        jdbc.execute(sql, (PreparedStatement ps) -> {
            new ArgumentPreparedStatementSetter(params).setValues(ps);
            return ps.execute();
        });
    }
}
