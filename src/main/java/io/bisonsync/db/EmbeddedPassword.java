package io.bisonsync.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded server's password. initdb trusts every local connection; this gives user postgres a random password
 * (kept owner-only next to the data folder, {@code <data-dir>.password}, so the next start and an operator's psql can
 * read it) and makes every connection prove it (scram-sha-256 in pg_hba.conf).
 */
final class EmbeddedPassword {

    static final String SUFFIX = ".password";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HBA = """
            # written by bison-sync: every connection needs the password (in the file <this folder>.password)
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private EmbeddedPassword() {
    }

    /** Outside the data folder: initdb needs an empty one. */
    static Path file(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
    }

    /** The data folder's password, created (owner-only) the first time. */
    static String of(Path dataDir) throws IOException {
        Path file = file(dataDir);
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String password = generate();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return password;
    }

    /** Sets the password and makes the server require it (idempotent: runs at every start). */
    static void secure(EmbeddedPostgres server, Path dataDir, String password) throws IOException, SQLException {
        Path file = file(dataDir);
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"), props)) {
            String alter;
            try (PreparedStatement ps = c.prepareStatement("SELECT format('ALTER ROLE postgres PASSWORD %L', ?::text)")) {
                ps.setString(1, password);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    alter = rs.getString(1);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET password_encryption = 'scram-sha-256'");
                st.execute(alter);
            }
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new SQLException("the embedded PostgreSQL in " + dataDir.toAbsolutePath() + " refused the password in " + file
                    + " (restore that file, or delete the folder to start over)", e.getSQLState(), e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
