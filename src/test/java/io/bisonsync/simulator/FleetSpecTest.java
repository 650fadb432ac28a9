package io.bisonsync.simulator;

import org.junit.jupiter.api.Test;

import java.util.IntSummaryStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetSpecTest {

    @Test
    void demoFleetHasTheEdgeCaseWorkspaces() {
        FleetSpec demo = FleetSpec.demo();

        assertThat(demo.instances()).extracting(FleetSpec.InstanceSpec::slug).containsExactly("maverick", "long-run", "cobalt");
        assertThat(demo.instances().get(0).keyMode()).isEqualTo(KeyMode.SUPER_ADMIN);
        assertThat(demo.instances().get(1).keyMode()).isEqualTo(KeyMode.API_USER);
        assertThat(demo.instances().get(2).keyMode()).isEqualTo(KeyMode.MIXED);
        assertThat(demo.instances().get(0).workspaces()).extracting(FleetSpec.WorkspaceSpec::accounts)
                .containsExactly(433, 120, 58, 15, 0);
    }

    @Test
    void benchmarkSpreadsAccountsUnevenlyWithinOnePercentOfTheTarget() {
        FleetSpec fleet = FleetSpec.benchmark(2, 20, 17_000);
        IntSummaryStatistics sizes = fleet.instances().stream().flatMap(i -> i.workspaces().stream())
                .mapToInt(FleetSpec.WorkspaceSpec::accounts).summaryStatistics();

        assertThat(fleet.instances()).hasSize(2).allMatch(i -> i.keyMode() == KeyMode.API_USER);
        assertThat(sizes.getCount()).isEqualTo(40);
        assertThat(sizes.getSum()).isBetween(16_830L, 17_170L);
        assertThat(sizes.getMax()).isLessThanOrEqualTo(750);
        assertThat(sizes.getMin()).isLessThan(sizes.getMax() / 3);
        assertThat(FleetSpec.benchmark(2, 20, 17_000)).isEqualTo(fleet);
    }

    @Test
    void benchmarkExceedsTheWorkspaceCapOnlyWhenTheTotalForcesIt() {
        FleetSpec fleet = FleetSpec.benchmark(1, 2, 2_000);

        assertThat(fleet.totalAccounts()).isEqualTo(2_000);
        assertThat(fleet.instances().get(0).workspaces()).allMatch(w -> w.accounts() == 1_000);
    }

    @Test
    void benchmarkSimulatorServesEveryWorkspaceWithItsOwnKey() {
        try (BisonSimulator simulator = BisonSimulator.start(SimulatorSettings.defaults()
                .withFleet(FleetSpec.benchmark(2, 20, 17_000)))) {
            SimClient client = new SimClient(simulator);
            assertThat(simulator.instances().stream().mapToInt(SimInstance::totalAccounts).sum())
                    .isEqualTo(FleetSpec.benchmark(2, 20, 17_000).totalAccounts());
            SimInstance bench2 = simulator.instance("bench-2");
            SimWorkspace last = bench2.workspaces().get(19);
            assertThat(client.page("bench-2", bench2.apiUserKey(last.id()), 1).at("/meta/total").asInt())
                    .isEqualTo(last.size());
        }
    }

    @Test
    void builderAndSingleMakeCustomFleets() {
        FleetSpec custom = FleetSpec.builder()
                .instance("acme", "Acme", KeyMode.SUPER_ADMIN).workspace("One", 1).workspace("Two", 31)
                .instance("solo", "Solo", KeyMode.API_USER).workspace("Only", 0)
                .build();

        assertThat(custom.totalAccounts()).isEqualTo(32);
        assertThat(FleetSpec.single(KeyMode.API_USER, 40).instances().get(0).workspaces().get(0).accounts())
                .isEqualTo(40);
        assertThatThrownBy(() -> FleetSpec.of(FleetSpec.InstanceSpec.of("Bad Slug", "x", KeyMode.API_USER,
                FleetSpec.WorkspaceSpec.of("w", 1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FleetSpec.builder().workspace("orphan", 1))
                .isInstanceOf(IllegalStateException.class);
    }
}
