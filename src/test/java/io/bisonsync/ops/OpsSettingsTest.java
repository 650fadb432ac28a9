package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operations keys: defaults, blank secrets meaning "off", and a bad webhook URL that is refused unechoed. */
class OpsSettingsTest {

    private static BisonSettings.Ops ops(Map<String, String> values) {
        return BisonSettings.ops(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void withoutTheKeysTheTriggerAndTheNotifierAreOffOnTheDefaultPortAndInterval() {
        BisonSettings.Ops ops = ops(Map.of("bison.ops.token", "  ", "bison.alerts.webhook-url", ""));

        assertThat(ops.token()).isNull();
        assertThat(ops.webhookUrl()).isNull();
        assertThat(ops.port()).isEqualTo(8080);
        assertThat(ops.alertCheckInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theTokenAndTheWebhookAreSecretsThatDoNotPrintThemselves() {
        BisonSettings.Ops ops = ops(Map.of("bison.ops.token", "s3cret", "bison.alerts.webhook-url", "https://hooks.slack.com/services/T0/B0/XyZ"));

        assertThat(ops.token().reveal()).isEqualTo("s3cret");
        assertThat(ops.toString()).doesNotContain("s3cret").doesNotContain("XyZ");
        assertThat(new OpsAccess(ops.token(), ops.token(), "127.0.0.1", java.util.Set.of()).toString()).doesNotContain("s3cret");
    }

    @Test
    void aWebhookThatIsNoHttpUrlStopsStartUpNamingTheKeyButNotTheValue() {
        assertThatThrownBy(() -> ops(Map.of("bison.alerts.webhook-url", "hooks.slack.com/services/T0/B0/XyZ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'bison.alerts.webhook-url': must start with http:// or https://");
        assertThatThrownBy(() -> ops(Map.of("bison.alerts.check-interval", "often")))
                .hasMessageContaining("bison.alerts.check-interval");
    }

    @Test
    void aPortOrHostThatCannotBeOneStopsStartUpNamingItsKey() {
        for (String port : new String[] {"70000", "-1", "80.5", "http"}) {
            assertThatThrownBy(() -> ops(Map.of("bison.ops.port", port))).as(port).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Configuration key 'bison.ops.port': ");
        }
        for (String host : new String[] {"999.1.1.1", "1.2.3", "ex ample", "-bad-.example"}) {
            assertThatThrownBy(() -> ops(Map.of("bison.ops.host", host))).as(host).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Configuration key 'bison.ops.host': ");
        }
        for (String host : new String[] {"0.0.0.0", "127.0.0.1", "::1", "localhost", "bison-sync.internal"}) {
            assertThat(ops(Map.of("bison.ops.host", host)).host()).isEqualTo(host);
        }
        assertThat(ops(Map.of("bison.ops.port", "65535")).port()).isEqualTo(65535);
        assertThat(ops(Map.of("bison.ops.port", "0")).port()).isZero();
    }
}
