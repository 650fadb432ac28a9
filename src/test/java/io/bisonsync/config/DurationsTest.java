package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;

class DurationsTest {

    /** Camel's reading in milliseconds, or null where it throws. */
    private static Long camelMillis(String text) {
        try {
            return TimeUtils.toMilliSeconds(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

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

    @Test
    void partsCombineLargestFirstAsCamelCombinesThemAndCamelReadsEveryCombinationAsTheSameLength() {
        String[] units = {"d", "h", "m", "s", "ms"};
        List<String> combinations = new ArrayList<>();
        for (int mask = 1; mask < 1 << units.length; mask++) {
            StringBuilder text = new StringBuilder();
            for (int u = 0; u < units.length; u++) {
                if ((mask & 1 << u) != 0) {
                    text.append(u + 7).append(units[u]);
                }
            }
            combinations.add(text.toString());
        }
        combinations.add("1m30s");

        for (String text : combinations) {
            assertThat(Durations.parse("bison.sync.heartbeat", text).toMillis()).as(text).isEqualTo(TimeUtils.toMilliSeconds(text));
        }
        assertThat(Durations.parse("bison.sync.heartbeat", "1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("bison.sync.heartbeat", "2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void whatCamelRefusesOrMisreadsIsRefusedNamingTheKey() {
        for (String text : new String[] {"30 s", "1m 30s", "1.5s", "abc", "-5s", "PT30S", "30S", "1s1m", "-5", ""}) {
            assertThat(camelMillis(text)).as("what Camel makes of '%s'", text).satisfiesAnyOf(
                    camel -> assertThat(camel).isNull(), camel -> assertThat(camel).isLessThanOrEqualTo(0L));

            assertThatThrownBy(() -> Durations.parse("bison.sync.workspace-timeout", text)).as(text)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Configuration key 'bison.sync.workspace-timeout': '" + text + "' is not a duration");
        }
    }

    @Test
    void aBareNumberIsRefusedBecauseCamelWouldReadItAsMillisecondsNotWhatWasMeant() {
        assertThat(TimeUtils.toMilliSeconds("1500")).isEqualTo(1500);

        assertThatThrownBy(() -> Durations.parse("bison.sync.workspace-timeout", "1500"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bison.sync.workspace-timeout'")
                .hasMessageContaining("read by Camel as milliseconds");
    }

    @Test
    void aCombinationLongerThanTenYearsIsRefusedAsTooLong() {
        assertThat(Durations.parse("bison.sync.log-retention", "3650d")).isEqualTo(Duration.ofDays(3650));

        assertThatThrownBy(() -> Durations.parse("bison.sync.log-retention", "3650d1ms"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("too long");
    }
}
