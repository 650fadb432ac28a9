package io.bisonsync.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bisonsync.config.ConfigException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A port or bind address that cannot be one is a configuration error naming its key, not a "port taken" (exit 4). */
class PortsTest {

    private static void check(String port, String host) {
        Map<String, String> values = Map.of("camel.server.enabled", "true", "camel.server.port", port, "camel.server.host", host);
        Ports.checkFree(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void aPortOutOfRangeNamesBisonOpsPort() {
        assertThatThrownBy(() -> check("70000", "127.0.0.1")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Configuration key 'bison.ops.port': 70000 is not a port");
    }

    @Test
    void anAddressThatIsNoneNamesBisonOpsHostAndIsNoTakenPort() {
        assertThatThrownBy(() -> check("8080", "999.1.1.1")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Configuration key 'bison.ops.host': '999.1.1.1' is not an IP address");
    }
}
