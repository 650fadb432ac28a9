package io.bisonsync.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.errors.Errors;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's PostgreSQL: a pooled connection to the configured database, or, when {@code bison.db.url}
 * is empty, an embedded server whose data stays in {@code bison.db.embedded.data-dir} between runs. Starting it
 * applies the Flyway migrations; stopping it closes the pool and the embedded server.
 */
public final class Database extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * Where the schema's migrations are: a location of bison-sync's own, never Flyway's default
     * {@code db/migration}, so that a host application's Flyway does not run them on the host's database.
     */
    public static final String MIGRATIONS = "classpath:db/bison-sync";

    private final BisonSettings.Database settings;
    private EmbeddedPostgres embedded;
    private HikariDataSource pool;

    public Database(BisonSettings settings) {
        this.settings = settings.database();
    }

    /** Starts the database (if embedded), opens the pool and migrates. Safe to call once. */
    public DataSource open() {
        start();
        return pool;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A new connection to the same database outside the pool, for what must live and die with its own session
     * (the run lock, run.RunLock); the caller closes it.
     */
    public Connection connectOutsidePool() throws SQLException {
        Properties props = new Properties();
        if (pool.getUsername() != null) {
            props.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            props.setProperty("password", pool.getPassword());
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(pool.getJdbcUrl(), props);
    }

    @Override
    protected void doStart() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bison-sync");
        config.setMaximumPoolSize(settings.poolSize());
        // a lost database fails a statement within seconds instead of holding the run for Hikari's default 30 s
        config.setConnectionTimeout(5_000);
        if (settings.embedded()) {
            Files.createDirectories(settings.embeddedDataDir());
            String password = EmbeddedPassword.of(settings.embeddedDataDir());
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(settings.embeddedDataDir())
                    .setCleanDataDirectory(false)
                    .setPort(settings.embeddedPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the data must survive a power cut (zonky turns fsync off for tests); TCP on loopback only and
                    // no Unix socket (its default, a world-writable /tmp, lets any local user in)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setConnectConfig("password", password)
                    .start();
            EmbeddedPassword.secure(embedded, settings.embeddedDataDir(), password);
            config.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
            config.setPassword(password);
            LOG.info("Embedded PostgreSQL started on port {} with data in {} (user postgres, password in {})", embedded.getPort(),
                    settings.embeddedDataDir().toAbsolutePath(), EmbeddedPassword.file(settings.embeddedDataDir()).toAbsolutePath());
        } else {
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.user());
            if (settings.password() != null) {
                config.setPassword(settings.password().reveal());
            }
            awaitReachable();
        }
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        pool = new HikariDataSource(config);
        migrate();
    }

    /**
     * Waits for the configured database with exponential backoff (1 s, 2 s, 4 s ... at most 15 s apart) up to
     * bison.db.startup-wait, logging one line per attempt (no stack traces), then gives up with one clear error.
     */
    private void awaitReachable() throws InterruptedException {
        long deadline = System.nanoTime() + settings.startupWait().toNanos();
        long backoffMs = 1000;
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        if (settings.password() != null) {
            props.setProperty("password", settings.password().reveal());
        }
        props.setProperty("connectTimeout", "5");
        while (true) {
            try (Connection ignored = DriverManager.getConnection(settings.url(), props)) {
                return;
            } catch (SQLException e) {
                String reason = Errors.message(e);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DatabaseUnavailableException("PostgreSQL at " + safeUrl() + " is not reachable after "
                            + settings.startupWait().toSeconds() + " s (bison.db.startup-wait): " + reason);
                }
                long wait = Math.min(backoffMs, Math.max(1, left / 1_000_000));
                LOG.warn("PostgreSQL at {} is not reachable ({}); retrying in {} ms", safeUrl(), reason, wait);
                Thread.sleep(wait);
                backoffMs = Math.min(backoffMs * 2, 15_000);
            }
        }
    }

    /** The JDBC URL without its query string, which may carry a password. */
    private String safeUrl() {
        return settings.safeUrl();
    }

    /** Flyway names no target version when nothing was migrated; the schema's version is then the applied one's. */
    private static String schemaVersion(String target, Flyway flyway) {
        if (target != null) {
            return target;
        }
        var current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    /** The schema only: the configured values SQL reads are stored by the store-settings route (db.SqlSettings). */
    private void migrate() {
        Flyway flyway = Flyway.configure().dataSource(pool).locations(MIGRATIONS).load();
        var result = flyway.migrate();
        LOG.info("Database schema at version {} ({} migrations applied now)", schemaVersion(result.targetSchemaVersion, flyway),
                result.migrationsExecuted);
    }

    @Override
    protected void doStop() throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
            LOG.info("Embedded PostgreSQL stopped");
        }
    }
}
