package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropertyReaderTest {

    private final Map<String, String> values = new HashMap<>();
    private final PropertyReader reader = new PropertyReader(key -> Optional.ofNullable(values.get(key)));

    @Test
    void anAbsentOrBlankKeyGetsTheTablesDefaultAndAValueIsStripped() {
        assertThat(reader.value("bison.sync.batch-size")).isEqualTo("500");
        values.put("bison.sync.batch-size", "   ");
        assertThat(reader.positiveInt("bison.sync.batch-size")).isEqualTo(500);
        values.put("bison.sync.batch-size", " 200 ");
        assertThat(reader.positiveInt("bison.sync.batch-size")).isEqualTo(200);
    }

    @Test
    void aKeyWithoutDefaultIsOptionalUntilItIsRequired() {
        assertThat(reader.optional("bison.db.url")).isEmpty();

        assertThatThrownBy(() -> reader.required("bison.db.user")).isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'bison.db.user': is required");
    }

    @Test
    void eachTypeRefusesWhatItCannotReadNamingTheKey() {
        values.put("k.bool", "yes");
        values.put("k.int", "0");
        values.put("k.fraction", "1.5");
        values.put("k.size", "8 GB");
        values.put("k.cron", "*/5 * * * *");
        values.put("k.long", "4.2");

        assertThatThrownBy(() -> reader.bool("k.bool")).hasMessage("Configuration key 'k.bool': 'yes' is not true or false");
        assertThatThrownBy(() -> reader.positiveInt("k.int")).hasMessage("Configuration key 'k.int': must be at least 1 (was 0)");
        assertThat(reader.nonNegativeInt("k.int")).isZero();
        assertThatThrownBy(() -> reader.fraction("k.fraction")).hasMessageContaining("'k.fraction'").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> reader.size("k.size")).hasMessageContaining("'k.size'").hasMessageContaining("not a size");
        assertThatThrownBy(() -> reader.cron("k.cron")).hasMessageContaining("'k.cron'").hasMessageContaining("Quartz cron");
        assertThatThrownBy(() -> reader.longValue("k.long")).hasMessageContaining("'k.long'").hasMessageContaining("whole number");
    }

    @Test
    void aSizeIsCountedInBinaryUnitsUpTo2047Megabytes() {
        values.put("k.size", "2KB");
        assertThat(reader.size("k.size")).isEqualTo(2048);
        values.put("k.size", "3 mb");
        assertThat(reader.size("k.size")).isEqualTo(3L * 1024 * 1024);
        values.put("k.size", "2048MB");
        assertThatThrownBy(() -> reader.size("k.size")).hasMessageContaining("1 B to 2047 MB");
    }

    @Test
    void aListIsCommaSeparatedAndAnEmptyEntryIsAnError() {
        values.put("k.list", " a, b ,c");
        assertThat(reader.list("k.list")).containsExactly("a", "b", "c");
        assertThat(reader.list("k.absent")).isEmpty();

        values.put("k.list", "a,,b");
        assertThatThrownBy(() -> reader.list("k.list")).hasMessageContaining("'k.list'").hasMessageContaining("empty entry");
    }

    @Test
    void aZeroDurationIsRefusedOnlyWhereItMustBePositive() {
        values.put("k.wait", "0s");

        assertThat(reader.duration("k.wait")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> reader.positiveDuration("k.wait")).hasMessageContaining("'k.wait'").hasMessageContaining("longer than 0");
    }
}
