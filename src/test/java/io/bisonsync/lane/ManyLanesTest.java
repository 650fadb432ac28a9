package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One reader takes hundreds of api-user lanes one after another without its thread's stack growing: the real
 * application in its own JVM with a 256 KB thread stack reads 500 lanes with a single reader (loop {@code take-lanes}).
 * While batches went through the aggregate EIP, that loop overflowed such a stack after about 370 lanes and the run
 * then hung silently (bench/NOTES.md).
 */
class ManyLanesTest extends SyncTestSupport {

    private static final int LANES = 500;

    @Override
    protected FleetSpec fleet() {
        FleetSpec.Builder fleet = FleetSpec.builder().instance("crowd", "Crowd", KeyMode.API_USER);
        for (int i = 1; i <= LANES; i++) {
            fleet.workspace(String.format("Client %03d", i), 1);
        }
        return fleet.build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.crowd.max-parallel", "1");
    }

    @Test
    void aSingleReaderReadsFiveHundredLanesOnASmallThreadStack() throws Exception {
        Process child = startChild(useOverridePropertiesWithPropertiesComponent(), List.of("-Xss256k"), "--once").process();

        assertThat(child.waitFor(150, TimeUnit.SECONDS)).as("the run ended").isTrue();
        assertThat(child.exitValue()).as("exit code of --once (0 = success)").isZero();
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE status = 'complete'")).isEqualTo(LANES);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(LANES);
    }
}
