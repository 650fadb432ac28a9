package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.support.Db;
import io.bisonsync.support.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations live in bison-sync's own location: a host's Flyway at its default location finds none of them,
 * and a database migrated before the move (from {@code db/migration}) opens with nothing to apply.
 */
class MigrationLocationTest {

    /** Version and Flyway checksum of every migration released from {@code db/migration}; they must never change. */
    private static final Map<String, Integer> RELEASED = Map.of(
            "1", 1980473080, "2", -1703536065, "3", 322073393, "4", 943823370,
            "5.1", -1014524490, "5.2", 1911152661, "8", 658497616);

    @TempDir
    Path dir;

    @Test
    void aHostsFlywayAtItsDefaultLocationFindsNoneOfBisonSyncsMigrations() {
        Flyway hostsFlyway = Flyway.configure().dataSource(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD).load();

        assertThat(hostsFlyway.info().pending()).isEmpty();
    }

    @Test
    void everyReleasedMigrationKeepsItsChecksumInItsOwnLocation() {
        Flyway flyway = Flyway.configure().dataSource(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD)
                .locations(Database.MIGRATIONS).load();

        Map<String, Integer> shipped = Arrays.stream(flyway.info().pending())
                .collect(Collectors.toMap(i -> i.getVersion().getVersion(), MigrationInfo::getChecksum));

        assertThat(shipped).containsAllEntriesOf(RELEASED);
    }

    @Test
    void aDatabaseMigratedFromTheOldLocationOpensWithNothingToApply() throws IOException {
        String url = TestPostgres.newDatabase();
        Path old = copyOfTheMigrationsAs(dir.resolve("db/migration"));
        Flyway.configure().dataSource(url, TestPostgres.USER, TestPostgres.PASSWORD).locations("filesystem:" + old).load().migrate();
        Db db = new Db(url);
        long applied = db.count("SELECT count(*) FROM flyway_schema_history WHERE success");

        Database database = new Database(settings(url));
        try {
            database.open();
        } finally {
            database.stop();
        }

        assertThat(applied).isGreaterThanOrEqualTo(RELEASED.size());
        assertThat(db.count("SELECT count(*) FROM flyway_schema_history")).isEqualTo(applied);
    }

    /** The shipped migration files, copied byte for byte into {@code target} as the old layout held them. */
    private static Path copyOfTheMigrationsAs(Path target) throws IOException {
        Files.createDirectories(target);
        Flyway probe = Flyway.configure().dataSource(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD)
                .locations(Database.MIGRATIONS).load();
        String folder = Database.MIGRATIONS.substring("classpath:".length());
        for (MigrationInfo migration : probe.info().pending()) {
            try (InputStream in = MigrationLocationTest.class.getClassLoader().getResourceAsStream(folder + "/" + migration.getScript())) {
                Files.copy(in, target.resolve(migration.getScript()));
            }
        }
        return target;
    }

    private static BisonSettings settings(String url) {
        Map<String, String> config = new HashMap<>(Map.of(
                "bison.instances", "maverick",
                "bison.instance.maverick.name", "Maverick",
                "bison.instance.maverick.base-url", "http://127.0.0.1:1",
                "bison.instance.maverick.super-admin-key", "1|x",
                "bison.db.url", url,
                "bison.db.user", TestPostgres.USER));
        return BisonSettings.load(config.keySet(), k -> Optional.ofNullable(config.get(k)));
    }
}
