package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.support.SyncTestSupport;
import org.junit.jupiter.api.Test;

/** Without bison.ops.token the manual trigger is off, whatever the request carries. */
class ManualTriggerDisabledTest extends SyncTestSupport {

    @Test
    void withoutAConfiguredTokenTheTriggerIs403AndSaysWhichKeyEnablesIt() {
        OpsHttp api = new OpsHttp(opsPort());

        for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
            OpsHttp.Answer answer = api.post("/api/sync", authorization);

            assertThat(answer.status()).as(String.valueOf(authorization)).isEqualTo(403);
            assertThat(answer.json().path("error").asText()).isEqualTo("the manual trigger is disabled: set bison.ops.token"
                    + " (e.g. from the environment variable BISON_OPS_TOKEN) to enable it");
        }
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).isZero();
        assertThat(api.get("/api/sync/health").status()).as("the read endpoints need no token").isEqualTo(200);
    }
}
