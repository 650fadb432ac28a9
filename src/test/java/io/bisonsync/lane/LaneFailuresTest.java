package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.support.SyncTestSupport;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A reader goes on after a lane of its fails: one reader takes five api-user lanes of which the first, third and
 * fifth keys are revoked (their workspace list answers 401, recorded by the lane's dead letter); the second and
 * fourth are still read completely, and every lane has its row in the run's results. A failure the lane's dead
 * letter handled must not end the reader's loop {@code take-lanes}.
 */
class LaneFailuresTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("crowd", "Crowd", KeyMode.API_USER)
                .workspace("One", 12).workspace("Two", 17).workspace("Three", 9).workspace("Four", 21).workspace("Five", 5)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.crowd.max-parallel", "1");
        overrides.put("bison.http.max-retries", "0");
    }

    @Test
    void aReaderReadsEveryLaneLeftAfterOneOfItsLanesFailed() {
        SimInstance crowd = simulator().instance("crowd");
        for (String revoked : new String[] {"One", "Three", "Five"}) {
            simulator().faults().unauthorized(crowd.workspace(revoked).scope());
        }

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        Map<String, Long> cached = db().rows("SELECT workspace_name, count(*) AS n FROM email_accounts_cache GROUP BY workspace_name")
                .stream().collect(Collectors.toMap(r -> (String) r.get("workspace_name"), r -> ((Number) r.get("n")).longValue()));
        assertThat(cached).containsExactlyInAnyOrderEntriesOf(Map.of("Two", 17L, "Four", 21L));
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE status = 'complete'")).isEqualTo(2);
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE status = 'failed'")).isEqualTo(3);
    }
}
