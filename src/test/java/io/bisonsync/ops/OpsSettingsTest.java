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
        assertThat(new BearerToken(ops.token()).toString()).doesNotContain("s3cret");
    }

    @Test
    void aWebhookThatIsNoHttpUrlStopsStartUpNamingTheKeyButNotTheValue() {
        assertThatThrownBy(() -> ops(Map.of("bison.alerts.webhook-url", "hooks.slack.com/services/T0/B0/XyZ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'bison.alerts.webhook-url': must start with http:// or https://");
        assertThatThrownBy(() -> ops(Map.of("bison.alerts.check-interval", "often")))
                .hasMessageContaining("bison.alerts.check-interval");
    }
}
