package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.Malformation;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** API keys and the database password never reach logs, stored errors or metrics, even in a run full of failures. */
class SecretsTest extends SyncTestSupport {

    private static final String DB_PASSWORD = "Db-Pa55word-NeverLogged";

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 40).workspace("Beta", 30)
                .instance("long-run", "Long Run", KeyMode.API_USER).workspace("Gamma", 20).workspace("Delta", 20)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        // the super-admin key as a literal property (as {{env:...}} would resolve), not a file
        SimInstance maverick = simulator().instance("maverick");
        overrides.put("bison.instance.maverick.super-admin-key-file", "");
        overrides.put("bison.instance.maverick.super-admin-key", maverick.superAdminKey());
        overrides.put("bison.db.password", DB_PASSWORD);
        overrides.put("bison.http.max-retries", "1");
    }

    @Test
    void aRunFullOfFailuresLeaksNoSecret() {
        SimInstance maverick = simulator().instance("maverick");
        SimInstance longRun = simulator().instance("long-run");
        simulator().faults().serverError(maverick.workspace("Alpha").scope(), 2, 500, Faults.FOREVER);
        simulator().faults().malformed(maverick.workspace("Beta").scope(), 1, Malformation.HTML_200, Faults.FOREVER);
        simulator().faults().unauthorized(longRun.workspace("Gamma").scope());
        simulator().faults().serverError(longRun.workspace("Delta").scope(), 1, 403, Faults.FOREVER);

        String logs;
        SyncRun run;
        try (LogCapture capture = LogCapture.atDebug()) {
            run = runSync();
            logs = capture.text();
        }

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        List<String> secrets = new ArrayList<>(List.of(DB_PASSWORD, secretPart(maverick.superAdminKey())));
        longRun.workspaces().forEach(w -> secrets.add(secretPart(longRun.apiUserKey(w.id()))));
        String stored = db().rows("SELECT l.error_message, l.error_details::text, l.summary::text, array_to_string(l.workspaces_failed, ',')"
                + " FROM email_sync_logs l").toString()
                + db().rows("SELECT workspace_name, error_class, error_message FROM email_sync_workspace_results").toString()
                + db().rows("SELECT last_error FROM email_sync_workspace_state").toString();
        String metrics = ((PrometheusMeterRegistry) context.getRegistry()
                .lookupByNameAndType("syncMetrics", SyncMetrics.class).registry()).scrape();

        assertThat(logs).contains("HTTP 500").contains("HTTP 401").contains("HTTP 403"); // the failures were logged
        assertThat(stored).contains("HTML page");
        for (String secret : secrets) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(stored).as("sync log tables").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
        }
    }

    /** The part after "<n>|": what makes a key a secret. */
    private static String secretPart(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
