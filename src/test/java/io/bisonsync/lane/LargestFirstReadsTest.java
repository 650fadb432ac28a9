package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SuperAdminReads;
import io.bisonsync.support.SyncTestSupport;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A run reads the largest workspaces first, by the previous run's counts (LargestFirst): api-user lanes of an
 * instance and the workspaces behind a super-admin key alike. The first run has no counts and keeps the given order.
 */
class LargestFirstReadsTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("team", "Team", KeyMode.API_USER)
                .workspace("Alpha", 15).workspace("Bravo", 433).workspace("Charlie", 120).workspace("Delta", 58)
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("North", 31).workspace("South", 212).workspace("East", 97)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.team.max-parallel", "1"); // one reader: the order of its lanes is visible
    }

    @Test
    void theSecondRunReadsEachInstancesLargestWorkspacesFirst() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        simulator().requests().clear();

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        List<String> apiUserOrder = simulator().instance("team").workspaces().stream()
                .sorted(Comparator.comparing(w -> firstRequest(w).at()))
                .map(SimWorkspace::name).toList();
        assertThat(apiUserOrder).containsExactly("Bravo", "Charlie", "Delta", "Alpha");
        List<Long> superAdminOrder = SuperAdminReads.assertNeverInterleaved(
                simulator().requests().events(simulator().superAdminKey("agency")));
        assertThat(superAdminOrder).containsExactly(id("South"), id("East"), id("North"));
    }

    private RequestLog.Event firstRequest(SimWorkspace workspace) {
        return simulator().requests().events(simulator().apiUserKey("team", workspace.id())).get(0);
    }

    private long id(String name) {
        return simulator().instance("agency").workspaces().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow().id();
    }
}
