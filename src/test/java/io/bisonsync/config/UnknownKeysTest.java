package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    private static final Map<String, String> VALUES = Map.of("bison.instance.old.name", "Old");
    private final PropertyReader reader = new PropertyReader(key -> Optional.ofNullable(VALUES.get(key)));

    @Test
    void keysOfTheTableListedBlocksAndKeysOutsideBisonPass() {
        assertThatCode(() -> UnknownKeys.reject(Set.of("bison.sync.max-pages", "bison.instance.maverick.max-parallel",
                "camel.main.name", "bison.instance.gone.name"), List.of("maverick"), reader)).doesNotThrowAnyException();
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheNearestKeysOfTheTable() {
        assertThatThrownBy(() -> UnknownKeys.reject(Set.of("bison.sync.max-page"), List.of("maverick"), reader))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Configuration key 'bison.sync.max-page': unknown key (misspelt?); did you mean bison.sync.max-pages or bison.sync.per-page?");
    }

    @Test
    void aMisspeltInstanceKeyIsPointedAtThePerInstanceKey() {
        assertThat(UnknownKeys.suggestion("bison.instance.maverick.max-paralel")).isEqualTo("; did you mean bison.instance.<id>.max-parallel?");
        assertThat(UnknownKeys.suggestion("bison.something.entirely-else")).isEmpty();
    }

    @Test
    void aBlockWithAValueWhoseIdIsNotListedIsRefused() {
        assertThatThrownBy(() -> UnknownKeys.reject(Set.of("bison.instance.old.name"), List.of("maverick"), reader))
                .hasMessageContaining("'bison.instance.old.name'").hasMessageContaining("not listed in bison.instances [maverick]");
    }
}
