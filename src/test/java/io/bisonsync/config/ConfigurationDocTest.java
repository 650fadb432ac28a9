package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's key tables are what ConfigurationDoc generates from SettingKeys now. */
class ConfigurationDocTest {

    @Test
    void theKeyTablesOfTheConfigurationDocsAreGeneratedFromTheKeyTable() throws Exception {
        String written = ConfigurationDoc.generatedKeys(Files.readString(ConfigurationDoc.FILE));

        assertThat(written).as("%s is out of date with SettingKeys; regenerate it: mvn -B -ntp -q test-compile && java -cp"
                + " target/classes:target/test-classes io.bisonsync.config.ConfigurationDoc", ConfigurationDoc.FILE)
                .isEqualTo(ConfigurationDoc.keyTables());
    }

    @Test
    void everyKeyTheGroupsNameIsAKeyOfTheTable() {
        assertThat(Stream.concat(SettingKeys.FIXED.stream(), SettingKeys.PER_INSTANCE.stream()).map(SettingKey::key))
                .containsAll(SettingKeys.grouped());
    }

    @Test
    void everyGroupHoldsAKeyAndTheEssentialsAreTheInstancesTheirKeysAndTheDatabase() {
        assertThat(ConfigurationDoc.keyTables()).contains("### Essentials:", "### Frequently used:", "### Infrequently used:");
        assertThat(SettingKeys.use(SettingKeys.PER_INSTANCE.get(0))).isEqualTo(SettingKeys.Use.ESSENTIAL);
        assertThat(SettingKeys.FIXED.stream().filter(k -> SettingKeys.use(k) == SettingKeys.Use.ESSENTIAL).map(SettingKey::key))
                .containsExactly("bison.instances", "bison.db.url", "bison.db.user", "bison.db.password");
    }
}
