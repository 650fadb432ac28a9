package io.bisonsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import java.time.Clock;
import io.bisonsync.support.SyncTestSupport;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The request budget (bison.http.requests-per-minute) holds over all readers of an instance. The simulator's clock
 * runs 20 times faster than real time, so its minute lasts 3 real seconds, in which a budget of 1,200 requests per
 * (real) minute allows 60 requests: the simulator's per-minute count is checked against 60, over a run long enough
 * (more than 60 requests per instance) that an unpaced or per-reader budget would exceed it.
 */
class RequestBudgetTest extends SyncTestSupport {

    private static final int SPEED_UP = 20;
    private static final int BUDGET_PER_MINUTE = 1_200;
    private static final int ALLOWED_PER_SIMULATED_MINUTE = BUDGET_PER_MINUTE / SPEED_UP;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("team", "Team", KeyMode.API_USER)
                .workspace("Alpha", 160).workspace("Bravo", 140).workspace("Charlie", 150).workspace("Delta", 120)
                .workspace("Echo", 135).workspace("Foxtrot", 100).workspace("Golf", 90).workspace("Hotel", 75)
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("North", 400).workspace("South", 330).workspace("East", 280).workspace("West", 100)
                .build();
    }

    @Override
    protected Clock simulatorClock() {
        return new FastClock(SPEED_UP);
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.http.requests-per-minute", Integer.toString(BUDGET_PER_MINUTE));
    }

    @Test
    void noInstanceEverReceivesMoreRequestsInAMinuteThanItsBudgetAllows() {
        simulator().requests().clear();

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        for (String slug : new String[] {"team", "agency"}) {
            long requests = simulator().requests().events().stream().filter(e -> e.slug().equals(slug)).count();
            assertThat(requests).as("requests to %s: enough that an unpaced run would break the budget", slug)
                    .isGreaterThan(ALLOWED_PER_SIMULATED_MINUTE);
            assertThat(simulator().requests().maxRequestsInAnyMinute(slug)).as("most requests to %s in any simulated minute", slug)
                    .isLessThanOrEqualTo(ALLOWED_PER_SIMULATED_MINUTE);
        }
    }
}
