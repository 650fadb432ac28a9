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
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start();
        BenchDatabase db = new BenchDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
        db.dataDir = dataDir;
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
