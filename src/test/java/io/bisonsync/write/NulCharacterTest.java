package io.bisonsync.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import org.junit.jupiter.api.Test;

/** PostgreSQL cannot store U+0000: a record holding one is stored with U+FFFD instead and fails neither batch nor workspace. */
class NulCharacterTest extends SyncTestSupport {

    @Test
    void aRecordWithANulCharacterIsStoredWithTheReplacementCharacterAndItsWorkspaceCompletes() {
        SimWorkspace hooli = simulator().instance("long-run").workspace("Hooli");
        long id = hooli.accountIds().get(3);
        hooli.updateField(id, "name", "Null\u0000Byte");

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().row("SELECT name, account_data ->> 'name' AS raw FROM email_accounts_cache WHERE bison_id = ?", id))
                .containsEntry("name", "Null\uFFFDByte").containsEntry("raw", "Null\uFFFDByte");
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = 'Hooli'")).isEqualTo(212);
    }
}
