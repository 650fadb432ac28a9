package io.bisonsync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.db.Database;
import io.bisonsync.support.Db;
import io.bisonsync.support.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The run lock on a real PostgreSQL: one holder per database, named by its process, gone with its session. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLockTest {

    private final String url = TestPostgres.newDatabase();
    private final Db db = new Db(url);
    private final RunLock web1 = new RunLock(() -> TestPostgres.connect(url), ProcessIdentity.of("web-1", 101, 1000));
    private final RunLock web2 = new RunLock(() -> TestPostgres.connect(url), ProcessIdentity.of("web-2", 202, 2000));

    @BeforeAll
    void migrate() {
        Flyway.configure().dataSource(url, "postgres", "").locations(Database.MIGRATIONS).load().migrate();
    }

    @Test
    void aSecondProcessCannotTakeTheLockWhileTheFirstHoldsItAndTakesItOnceReleased() throws SQLException {
        try (RunLock.Lease first = web1.tryAcquire()) {
            assertThat(first).isNotNull();
            assertThat(web2.tryAcquire()).isNull();
            assertThat(web1.tryAcquire()).as("a second run of the same process is refused too").isNull();
        }
        try (RunLock.Lease next = web2.tryAcquire()) {
            assertThat(next).isNotNull();
        }
    }

    @Test
    void theHolderIsNamedByItsProcessBeforeItsRunRowExistsAndByItsRunAfterwards() throws SQLException {
        assertThat(web2.holder()).isNull();
        try (RunLock.Lease held = web1.tryAcquire()) {
            assertThat(web2.holder()).isEqualTo("a run starting on instance web-1-101-1000");
            long runId = db.count("INSERT INTO email_sync_logs (trigger, status, host, instance_id)"
                    + " VALUES ('schedule', 'running', 'web-1', 'web-1-101-1000') RETURNING id");

            assertThat(web2.holder()).isEqualTo("run " + runId + ", trigger schedule, on host web-1, instance web-1-101-1000");
            db.execute("UPDATE email_sync_logs SET status = 'success' WHERE id = ?", runId);
        }
        assertThat(web2.holder()).isNull();
    }

    @Test
    void aHolderWhoseSessionDiesLosesTheLockAndKnowsIt() throws SQLException {
        RunLock.Lease held = web1.tryAcquire();
        assertThat(held.alive()).isTrue();

        // what PostgreSQL does when the holding process dies: its session ends
        db.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bison-sync web-1-101-1000'");
        await("the terminated session ended").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'bison-sync web-1-101-1000'") == 0);

        try (RunLock.Lease taken = web2.tryAcquire()) {
            assertThat(taken).as("the lock went with the dead session").isNotNull();
            assertThat(held.alive()).isFalse();
            held.close(); // releasing a lost lease is harmless
            assertThat(web1.tryAcquire()).as("web-2 still holds it").isNull();
        }
    }
}
