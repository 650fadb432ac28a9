package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyDurationValidationAcceptsIsOneCamelReadsAsTheSameLength() {
        for (String text : new String[] {"0ms", "100ms", "45s", "30m", "2h", "30d"}) {
            Duration parsed = Durations.parse("bison.alerts.check-interval", text);

            assertThat(TimeUtils.toMilliSeconds(text)).as(text).isEqualTo(parsed.toMillis());
        }
    }

    @Test
    void aSpaceBetweenNumberAndUnitIsRejectedNamingTheKeyBecauseCamelWouldThrowOnIt() {
        assertThatThrownBy(() -> TimeUtils.toMilliSeconds("30 s")).isInstanceOf(NumberFormatException.class);

        assertThatThrownBy(() -> Durations.parse("bison.alerts.check-interval", "30 s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bison.alerts.check-interval'")
                .hasMessageContaining("'30 s' is not a duration");
    }

    @Test
    void aNumberTooLongForADurationIsAConfigurationErrorNotACrash() {
        assertThatThrownBy(() -> Durations.parse("bison.sync.heartbeat", "99999999999999999999s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bison.sync.heartbeat'");
    }
}
