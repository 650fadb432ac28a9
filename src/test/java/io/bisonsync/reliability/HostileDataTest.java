package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Names, signatures and tags are data: stored exactly as sent, never executed or mangled; only what PostgreSQL
 * cannot hold (NUL, unpaired surrogates) is replaced, and marked.
 */
class HostileDataTest extends SyncTestSupport {

    private static final String SQL = "Robert'); DROP TABLE email_accounts_cache;--";
    private static final String HTML = "<script>alert('x')</script> \"quoted\" \\ back\\slash 🚀🔥 Zoë 日本語";
    private static final String LONG = "x".repeat(100_000) + "🚀";
    private static final String TAG = "'; DELETE FROM email_sync_logs; --";

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER).workspace("Evil Corp", 20).build();
    }

    @Test
    void hostileStringsAreStoredExactlyAndNeverExecuted() {
        SimWorkspace evil = simulator().instance("long-run").workspace("Evil Corp");
        List<Long> ids = evil.accountIds();
        evil.updateField(ids.get(0), "name", SQL);
        evil.updateField(ids.get(1), "name", HTML);
        evil.updateField(ids.get(2), "email_signature", LONG);
        evil.updateField(ids.get(3), "tags", List.of(Map.of("id", 1, "name", TAG, "default", false)));

        long logsBefore = db().count("SELECT count(*) FROM email_sync_logs"); // the class's other test may have run first
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(20);
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).isEqualTo(logsBefore + 1);
        assertThat(db().row("SELECT name FROM email_accounts_cache WHERE bison_id = ?", ids.get(0))).containsEntry("name", SQL);
        assertThat(db().row("SELECT name, account_data->>'name' AS raw FROM email_accounts_cache WHERE bison_id = ?", ids.get(1)))
                .containsEntry("name", HTML).containsEntry("raw", HTML);
        assertThat(db().row("SELECT account_data->>'email_signature' AS sig FROM email_accounts_cache WHERE bison_id = ?", ids.get(2)))
                .containsEntry("sig", LONG);
        assertThat(db().row("SELECT tags[1] AS tag FROM email_accounts_cache WHERE bison_id = ?", ids.get(3))).containsEntry("tag", TAG);
    }

    @Test
    void aRecordWithCharactersPostgresCannotStoreIsStoredReplacedAndMarkedWithoutFailingItsBatch() {
        SimWorkspace evil = simulator().instance("long-run").workspace("Evil Corp");
        List<Long> ids = evil.accountIds();
        evil.updateField(ids.get(5), "name", "Null\u0000Byte");
        evil.updateField(ids.get(7), "created_at", "+99999-01-01T00:00:00Z");

        var run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(20);
        assertThat(db().row("SELECT name, account_data->>'name' AS raw, account_data->'_bison_sync_replaced' AS marked"
                + " FROM email_accounts_cache WHERE bison_id = ?", ids.get(5)))
                .containsEntry("name", "Null\uFFFDByte").containsEntry("raw", "Null\uFFFDByte");
        assertThat(db().row("SELECT account_data->'_bison_sync_replaced' AS marked FROM email_accounts_cache WHERE bison_id = ?",
                ids.get(5)).get("marked").toString()).isEqualTo("[\"/name\"]");
        assertThat(db().row("SELECT bison_created_at FROM email_accounts_cache WHERE bison_id = ?", ids.get(7)))
                .containsEntry("bison_created_at", null);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE account_data->'_bison_sync_replaced' IS NOT NULL")).isEqualTo(1);
    }
}
