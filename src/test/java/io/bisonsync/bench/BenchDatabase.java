package io.bisonsync.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of a benchmark: an embedded one (zonky, PostgreSQL 14, its defaults), or the server of
 * {@code BENCH_DB_URL} (user {@code BENCH_DB_USER}, default postgres; password {@code BENCH_DB_PASSWORD}), on which
 * the user must be allowed to create databases. Every scenario gets a database of its own; databases created on
 * an external server are dropped at the end.
 */
final class BenchDatabase implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private final EmbeddedPostgres embedded;
    private final String serverUrl;
    private final String user;
    private final String password;
    private final String suffix = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<String> created = new ArrayList<>();
    private Path dataDir;
    private boolean statementsAvailable;

    private BenchDatabase(EmbeddedPostgres embedded, String serverUrl, String user, String password) {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    static BenchDatabase start() throws IOException {
        String url = System.getenv("BENCH_DB_URL");
        if (url != null && !url.isBlank()) {
            if (!JDBC_URL.matcher(url).matches()) {
                throw new IllegalArgumentException("BENCH_DB_URL must look like jdbc:postgresql://host:5432/database");
            }
            String user = System.getenv().getOrDefault("BENCH_DB_USER", "postgres");
            return new BenchDatabase(null, url, user, System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""));
        }
        Path dataDir = Files.createTempDirectory("bison-bench-pg");
        // pg_stat_statements (track = all: the statements inside apply_workspace() too) for the per-statement profile
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all").start();
        BenchDatabase db = new BenchDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
        db.dataDir = dataDir;
        db.statementsAvailable = db.enableStatements();
        return db;
    }

    String describe() {
        if (embedded != null) {
            return "embedded PostgreSQL " + serverVersion() + " (zonky defaults) on port " + embedded.getPort();
        }
        Matcher m = JDBC_URL.matcher(serverUrl);
        m.matches();
        return "PostgreSQL " + serverVersion() + " at " + m.group(1) + " (BENCH_DB_URL)";
    }

    /** The embedded server's postmaster (its first line of postmaster.pid), or -1 for an external server. */
    long postmasterPid() {
        try {
            return dataDir == null ? -1 : Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether pg_stat_statements can be read (the embedded server; an external one if it has it loaded). */
    private boolean enableStatements() {
        try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Forgets the statement statistics of every database (before a scenario: scenarios run one after another). */
    void resetStatements() {
        if (!statementsAvailable) {
            return;
        }
        try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            statementsAvailable = false;
        }
    }

    /** One statement's share of a database's execution time (pg_stat_statements), with a readable head of its text. */
    record StatementUse(String text, long calls, long rows, double seconds, double share, long blocksHit, long blocksRead) {
    }

    /**
     * The statements of database {@code url} by execution time since the last reset (top-level and nested, e.g. inside
     * apply_workspace(); a function call's time includes its statements', so shares of nested ones overlap it).
     */
    List<StatementUse> statements(String url, int limit) {
        List<StatementUse> out = new ArrayList<>();
        if (!statementsAvailable) {
            return out;
        }
        Matcher m = JDBC_URL.matcher(url);
        m.matches();
        String sql = "SELECT query, calls, rows, total_exec_time / 1e3, shared_blks_hit + local_blks_hit, shared_blks_read + local_blks_read,"
                + " sum(total_exec_time) FILTER (WHERE toplevel) OVER () / 1e3"
                + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?"
                + " ORDER BY total_exec_time DESC LIMIT ?";
        try (Connection c = connect(serverUrl); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, m.group(2));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double total = rs.getDouble(7);
                    String text = rs.getString(1).replaceAll("\\s+", " ").strip();
                    out.add(new StatementUse(text.length() > 90 ? text.substring(0, 90) + "..." : text, rs.getLong(2), rs.getLong(3),
                            rs.getDouble(4), total > 0 ? rs.getDouble(4) / total : Double.NaN, rs.getLong(5), rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            // no statistics: the profile is left out
        }
        return out;
    }

    String user() {
        return user;
    }

    /** The password for the application's environment (BISON_DB_PASSWORD); empty for the embedded server. */
    String password() {
        return password;
    }

    /** Creates an empty database and returns its JDBC URL. */
    String create(String name) throws SQLException {
        String db = "bison_bench_" + name + "_" + suffix;
        try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        created.add(db);
        Matcher m = JDBC_URL.matcher(serverUrl);
        m.matches();
        return m.group(1) + db + (m.group(3) == null ? "" : m.group(3));
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Rows written to a table (n_tup_ins + n_tup_upd + n_tup_del), once the statistics have settled: PostgreSQL 14
     * collects them asynchronously, so the counters are read until three reads 300 ms apart agree (at most 15 s).
     */
    long rowsWritten(String url, String table) throws SQLException, InterruptedException {
        // a plain loop, not Awaitility: bench/run runs the harness on the runnable jar's classpath, without test libraries
        long deadline = System.nanoTime() + 15_000_000_000L;
        long last = -1;
        int same = 0;
        try (Connection c = connect(url)) {
            c.setAutoCommit(true);
            while (true) {
                long now = readWrites(c, table);
                same = now == last ? same + 1 : 0;
                last = now;
                if (same >= 2 || System.nanoTime() > deadline) {
                    return now;
                }
                Thread.sleep(300);
            }
        }
    }

    /** The number a {@code SELECT count(*)} answers. */
    long count(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Seconds one SQL statement takes on a database (median of three runs). */
    double time(String url, String sql) throws SQLException {
        double[] seconds = new double[3];
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (int i = 0; i < seconds.length; i++) {
                long started = System.nanoTime();
                s.execute(sql);
                seconds[i] = (System.nanoTime() - started) / 1e9;
            }
        }
        java.util.Arrays.sort(seconds);
        return seconds[1];
    }

    private static long readWrites(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                + " FROM pg_stat_user_tables WHERE relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String serverVersion() {
        try (Connection c = connect(serverUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "(version unknown)";
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection c = connect(serverUrl); Statement s = c.createStatement()) {
            for (String db : created) {
                s.execute("DROP DATABASE IF EXISTS " + db);
            }
        } catch (SQLException e) {
            System.err.println("bench: could not drop the benchmark databases " + created + ": " + e.getMessage());
        }
    }
}
