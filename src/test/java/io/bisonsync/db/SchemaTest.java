package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.support.Db;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.support.TestPostgres;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrations, and the seed document's monitoring SQL run unchanged against the migrated schema. */
class SchemaTest extends SyncTestSupport {

    private boolean synced;

    /** One sync has run before the seed's queries look at the data. */
    @BeforeEach
    void oneSyncHasRun() {
        if (!synced) {
            assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
            synced = true;
        }
    }

    @Test
    void migrationsApplyToAnEmptyDatabaseAndReapplyAsANoOp() {
        String url = TestPostgres.newDatabase();
        Flyway flyway = Flyway.configure().dataSource(url, "postgres", "").locations(Database.MIGRATIONS).load();

        int shipped = flyway.info().pending().length;
        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();

        assertThat(shipped).isGreaterThanOrEqualTo(4);
        assertThat(first.migrationsExecuted).isEqualTo(shipped);
        assertThat(second.migrationsExecuted).isZero();
        flyway.validate();
        assertThat(new Db(url).count("SELECT count(*) FROM email_accounts_cache")).isZero();
    }

    @Test
    void theSeedsTableAndViewChecksFindTheirObjects() {
        assertThat(db().rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                + " AND tablename IN ('email_accounts_cache', 'email_sync_logs')")).hasSize(2);
        assertThat(db().rows("SELECT matviewname FROM pg_matviews WHERE schemaname = 'public'"
                + " AND matviewname = 'email_accounts_live'")).hasSize(1);
        assertThat(db().rows("SELECT indexname FROM pg_indexes WHERE tablename = 'email_accounts_live'"
                + " AND indexdef LIKE '%UNIQUE%'")).hasSize(1);
    }

    @Test
    void theSeedsCheckSyncResultsQueriesRun() {
        assertThat(db().rows("SELECT * FROM email_sync_logs ORDER BY started_at DESC LIMIT 5")).isNotEmpty();
        assertThat(db().rows("SELECT bison_instance, COUNT(*) as account_count FROM email_accounts_cache"
                + " WHERE sync_status = 'success' GROUP BY bison_instance"))
                .extracting(r -> r.get("bison_instance")).containsExactlyInAnyOrder("Maverick", "Long Run", "Cobalt");
        Map<String, Object> health = db().row("SELECT * FROM public.get_email_sync_health()");
        assertThat(health).containsEntry("last_sync_status", "success").containsEntry("is_healthy", true)
                .containsEntry("total_accounts", 1093L);
    }

    @Test
    void theSeedsDashboardQueriesRun() {
        List<Map<String, Object>> byInstance = db().rows("SELECT bison_instance, COUNT(*) as total_accounts,"
                + " COUNT(*) FILTER (WHERE sync_status = 'success') as successful, MAX(last_synced_at) as last_sync"
                + " FROM email_accounts_cache GROUP BY bison_instance");
        assertThat(byInstance).hasSize(3);
        // the seed's "top 10" lacks GROUP BY workspace_name; this is the corrected query
        List<Map<String, Object>> top = db().rows("SELECT workspace_name, COUNT(*) as account_count FROM email_accounts_cache"
                + " WHERE sync_status = 'success' GROUP BY workspace_name ORDER BY COUNT(*) DESC LIMIT 10");
        assertThat(top.get(0)).containsEntry("workspace_name", "Jason Binyon").containsEntry("account_count", 433L);
        assertThat(db().rows("SELECT started_at, status, duration_seconds, total_accounts_fetched, total_workspaces_processed,"
                + " ARRAY_LENGTH(workspaces_failed, 1) as failed_workspace_count FROM email_sync_logs"
                + " ORDER BY started_at DESC LIMIT 10")).isNotEmpty();
        assertThat(db().row("SELECT last_sync_time, last_sync_status, total_accounts, minutes_since_last_sync,"
                + " CASE WHEN is_healthy THEN 'HEALTHY' ELSE 'UNHEALTHY' END as health_status"
                + " FROM public.get_email_sync_health()")).containsEntry("health_status", "HEALTHY");
        assertThat(db().rows("SELECT workspace_name, COUNT(*) as account_count FROM email_accounts_cache"
                + " GROUP BY workspace_name ORDER BY COUNT(*) DESC")).hasSize(10); // Initech is empty
    }

    @Test
    void theLiveViewCarriesNoColumnThatChangesEveryRun() {
        assertThat(db().rows("SELECT attname FROM pg_attribute WHERE attrelid = 'email_accounts_live'::regclass"
                + " AND attnum > 0 AND attname IN ('last_synced_at', 'last_changed_at', 'last_sync_run_id')")).isEmpty();
    }

    @Test
    void theSeedsTroubleshootingQueriesRun() {
        db().execute("REFRESH MATERIALIZED VIEW CONCURRENTLY email_accounts_live");
        db().execute("SELECT refresh_email_accounts_live()");
        assertThat(db().count("SELECT COUNT(*) FROM email_accounts_live")).isEqualTo(1093);
        assertThat(db().rows("SELECT pg_stat_get_last_vacuum_time(oid) as last_refresh FROM pg_class"
                + " WHERE relname = 'email_accounts_live'")).hasSize(1);
    }

    @Test
    void cleanupRemovesOnlyLogsOlderThanTheRetention() {
        db().execute("INSERT INTO email_sync_logs (started_at, status, trigger) VALUES (now() - interval '31 days', 'success', 'schedule')");
        long before = db().count("SELECT count(*) FROM email_sync_logs");

        assertThat(db().count("SELECT cleanup_old_email_sync_logs()")).isEqualTo(1);
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).isEqualTo(before - 1);
    }
}
