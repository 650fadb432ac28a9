package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.db.Database;
import io.bisonsync.db.DatabaseUnavailableException;
import io.bisonsync.support.LogCapture;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An unreachable database at start-up: a bounded retry with backoff, one line per attempt, then one clear error. */
class DatabaseStartupTest {

    @Test
    void anUnreachableDatabaseIsRetriedWithBackoffThenReportedInOneClearLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/bison?password=NotInLogs";
        Map<String, String> config = new HashMap<>(Map.of(
                "bison.instances", "maverick",
                "bison.instance.maverick.name", "Maverick",
                "bison.instance.maverick.base-url", "http://127.0.0.1:1",
                "bison.instance.maverick.super-admin-key", "1|x",
                "bison.db.url", url,
                "bison.db.user", "bison",
                "bison.db.startup-wait", "3s"));
        Database database = new Database(BisonSettings.load(config.keySet(), k -> Optional.ofNullable(config.get(k))));

        String logs;
        try (LogCapture capture = new LogCapture()) {
            assertThatThrownBy(database::open).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort + "/bison?... is not reachable after 3 s")
                    .hasMessageContaining("bison.db.startup-wait")
                    .hasMessageContaining("Connection")
                    .hasMessageNotContaining("NotInLogs");
            logs = capture.text();
        }

        long attempts = logs.lines().filter(l -> l.startsWith("WARN") && l.contains("is not reachable")).count();
        assertThat(attempts).as("retried with backoff: 1 s then 2 s fit in 3 s").isBetween(2L, 3L);
        assertThat(logs).doesNotContain("NotInLogs").doesNotContain("\tat org.postgresql");
    }
}
