package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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

    /** The message of the refusal of {@code value} under the key "k" by {@code read}. */
    private String refusal(String value, Consumer<String> read) {
        values.put("k", value);
        return catchThrowableOfType(() -> read.accept("k"), ConfigException.class).getMessage();
    }

    @Test
    void eachTypeRefusesWhatItCannotReadNamingTheKey() {
        assertThat(refusal("yes", reader::bool)).isEqualTo("Configuration key 'k': 'yes' is not true or false");
        assertThat(refusal("0", reader::positiveInt)).isEqualTo("Configuration key 'k': must be at least 1 (was 0)");
        assertThat(refusal("1.5", reader::fraction)).startsWith("Configuration key 'k':").contains("between 0 and 1");
        assertThat(refusal("8 GB", reader::size)).startsWith("Configuration key 'k':").contains("not a size");
        assertThat(refusal("*/5 * * * *", reader::cron)).startsWith("Configuration key 'k':").contains("Quartz cron");
        assertThat(refusal("4.2", reader::longValue)).startsWith("Configuration key 'k':").contains("whole number");
        values.put("k", "0");
        assertThat(reader.nonNegativeInt("k")).isZero();
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
