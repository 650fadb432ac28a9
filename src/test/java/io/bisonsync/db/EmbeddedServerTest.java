package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bisonsync.config.BisonSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server used without bison.db.url: a password on every connection, fsync on, no Unix socket. */
class EmbeddedServerTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedServerNeedsItsPasswordKeepsFsyncOnAndHasNoSocketAndReopensWithTheSamePassword() throws Exception {
        Path data = dir.resolve("postgres");
        String url;
        Database first = new Database(settings(data));
        first.open();
        try {
            url = "jdbc:postgresql://localhost:" + port(first) + "/postgres";
            try (Connection c = first.dataSource().getConnection(); Statement st = c.createStatement()) {
                assertThat(show(st, "fsync")).isEqualTo("on");
                assertThat(show(st, "unix_socket_directories")).isEmpty();
                assertThat(show(st, "listen_addresses")).isEqualTo("localhost");
            }
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(url, "guessed")).isInstanceOf(SQLException.class).hasMessageContaining("password");
            Path passwordFile = dir.resolve("postgres.password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            connect(url, Files.readString(passwordFile).strip()).close();
        } finally {
            first.stop();
        }

        Database again = new Database(settings(data));
        again.open();
        try (Connection c = again.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(show(st, "fsync")).isEqualTo("on");
        } finally {
            again.stop();
        }
    }

    private static int port(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            return Integer.parseInt(show(st, "port"));
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    private static BisonSettings settings(Path data) {
        Map<String, String> config = new HashMap<>(Map.of(
                "bison.instances", "maverick",
                "bison.instance.maverick.name", "Maverick",
                "bison.instance.maverick.base-url", "https://send.agency.com",
                "bison.instance.maverick.super-admin-key", "42|secret",
                "bison.db.embedded.data-dir", data.toString()));
        return BisonSettings.load(config.keySet(), k -> Optional.ofNullable(config.get(k)));
    }
}
