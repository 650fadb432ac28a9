package io.bisonsync.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync run at a time per database, across every process that shares it (replicas, a rolling deploy's old and
 * new pods, a {@code --once} cron job), whatever starts the run: a PostgreSQL session advisory lock taken on a
 * connection of its own, outside the pool, and held for the run's whole life. A process that dies loses its
 * connection and with it the lock, so whoever holds the lock knows that every run still marked {@code running}
 * is dead.
 *
 * <p>The lock is also the fleet-wide form of the API's rule that a super-admin key is read by one reader at a
 * time (its current workspace is server-side state of the key): within a run the key's workspaces are read one
 * after another, and only the run holding this lock reads at all.
 */
public final class RunLock {

    /** The advisory lock's two keys: a namespace for bison-sync ("BSNC") and the sync run within it. */
    static final int NAMESPACE = 0x42534E43;
    static final int RUN = 1;
    static final String APPLICATION_PREFIX = "bison-sync ";

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    private static final String HOLDER_SQL = resource("sql/run-lock-holder.sql");

    /** Opens a new connection outside the pool: the lock lives and dies with it. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final ProcessIdentity process;

    public RunLock(Connector connector, ProcessIdentity process) {
        this.connector = connector;
        this.process = process;
    }

    public ProcessIdentity process() {
        return process;
    }

    /**
     * Takes the lock on a new connection without waiting; null when another session holds it.
     *
     * @throws SQLException when the database cannot be reached (no run may start without the lock)
     */
    public Lease tryAcquire() throws SQLException {
        Connection connection = connector.open();
        try {
            connection.setAutoCommit(true);
            // names this process in pg_stat_activity, which is how others learn who holds the lock
            connection.setClientInfo("ApplicationName", APPLICATION_PREFIX + process.instanceId());
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, NAMESPACE);
                ps.setInt(2, RUN);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new Lease(connection);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    /**
     * Who holds the lock, for a log line or a 409: "run 12 (trigger schedule) on host web-2, instance web-2-1-17..."; a
     * holder that has not opened its run row yet is named by its session. Null when nobody holds it (any more).
     */
    public String holder() throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement ps = connection.prepareStatement(HOLDER_SQL)) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, RUN);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String application = rs.getString("application_name");
                long runId = rs.getLong("run_id");
                if (!rs.wasNull() && rs.getString("host") != null) {
                    return "run " + runId + ", trigger " + rs.getString("trigger") + ", on host " + rs.getString("host")
                            + ", instance " + rs.getString("instance_id");
                }
                if (application != null && application.startsWith(APPLICATION_PREFIX)) {
                    return "a run starting on instance " + application.substring(APPLICATION_PREFIX.length());
                }
                return "a session named '" + application + "'";
            }
        }
    }

    /** The held lock of one run; closing it unlocks and closes its connection. */
    public static final class Lease implements AutoCloseable {

        private final Connection connection;

        private Lease(Connection connection) {
            this.connection = connection;
        }

        /**
         * Whether the lock is still held: false once its connection broke (the database restarted or the network
         * dropped it), after which another process may take the lock and this run must stop.
         */
        public boolean alive() {
            try {
                return connection.isValid(5);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try (Connection c = connection; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, NAMESPACE);
                ps.setInt(2, RUN);
                ps.execute();
            } catch (SQLException e) {
                // the connection is gone, and the lock went with it
                LOG.debug("Run lock released with its broken connection: {}", e.getMessage());
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = RunLock.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
