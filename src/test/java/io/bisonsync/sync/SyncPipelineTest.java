package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.support.SyncTestSupport;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SyncPipelineTest extends SyncTestSupport {

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.per-page", "100");

    }

    @Test
    void readsAll433AccountsOfJasonBinyonIn29PagesAlthoughTheClientAsksFor100PerPage() {
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo("success");
        Map<String, Object> result = db().row("SELECT pages_fetched, accounts_read, api_total, status FROM email_sync_workspace_results"
                + " WHERE run_id = ? AND workspace_name = 'Jason Binyon'", run.id());
        assertThat(result).containsEntry("pages_fetched", 29).containsEntry("accounts_read", 433)
                .containsEntry("api_total", 433).containsEntry("status", "complete");
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Jason Binyon'")).isEqualTo(433);
    }
}
