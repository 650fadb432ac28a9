package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SuperAdminReads;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under the default request budget, the api-user workspaces of one instance are read by several readers at once
 * (bison.instance.&lt;id&gt;.max-parallel, here 4), while a super-admin key reads one workspace after another even
 * with max-parallel set, since its current workspace is server-side state.
 */
class ParallelReadsTest extends SyncTestSupport {

    private static final int READERS = 4;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("team", "Team", KeyMode.API_USER)
                .workspace("Alpha", 75).workspace("Bravo", 60).workspace("Charlie", 90).workspace("Delta", 45)
                .workspace("Echo", 70).workspace("Foxtrot", 30).workspace("Golf", 55).workspace("Hotel", 64)
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("North", 75).workspace("South", 60).workspace("East", 46).workspace("West", 31)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.http.requests-per-minute", "3000");
        overrides.put("bison.instance.team.max-parallel", Integer.toString(READERS));
        overrides.put("bison.instance.agency.max-parallel", Integer.toString(READERS));
    }

    @BeforeEach
    void slowServer() {
        simulator().faults().latency(Duration.ofMillis(20)); // a read takes long enough for readers to meet
        simulator().requests().clear();
    }

    @Test
    void readsTheApiUserWorkspacesOfAnInstanceInParallelWithAtMostMaxParallelReaders() {
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        Map<String, Instant[]> spans = new LinkedHashMap<>();
        for (SimWorkspace workspace : simulator().instance("team").workspaces()) {
            List<RequestLog.Event> events = simulator().requests().events(simulator().apiUserKey("team", workspace.id()));
            assertThat(events).as("requests of %s's key", workspace.name()).isNotEmpty();
            spans.put(workspace.name(), new Instant[] {events.get(0).at(), events.get(events.size() - 1).at()});
        }
        assertThat(mostOverlapping(spans.values())).as("api-user keys of Team with requests in flight at the same time")
                .isBetween(2, READERS);
    }

    @Test
    void neverInterleavesTheReadsOfTwoWorkspacesOnASuperAdminKey() {
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        List<Long> order = SuperAdminReads.assertNeverInterleaved(simulator().requests().events(simulator().superAdminKey("agency")));
        assertThat(order).hasSize(4).doesNotHaveDuplicates();
    }

    /** The most [first, last] request spans that contain a common instant. */
    private static int mostOverlapping(Iterable<Instant[]> spans) {
        int most = 0;
        for (Instant[] span : spans) {
            int open = 0;
            for (Instant[] other : spans) {
                if (!other[0].isAfter(span[0]) && !other[1].isBefore(span[0])) {
                    open++;
                }
            }
            most = Math.max(most, open);
        }
        return most;
    }
}
