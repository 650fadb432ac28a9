package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The page's badge says healthy only when it is, and otherwise what is wrong first. */
class HealthBadgeTest {

    @Test
    void neverHealthyBeforeAFirstFinishedRunEvenWithEveryCheckUp() {
        assertThat(HealthBadge.of(null, 0, 0, List.of(), 0, 0, "1h")).isEqualTo(new HealthBadge("waiting", "no run finished yet"));
    }

    @Test
    void aDownCheckComesFirstThenAFailedRunThenStaleWorkspacesThenAPartialRun() {
        assertThat(HealthBadge.of("partial", 58, 60, List.of("workspace-failures"), 2, 2, "1h").text())
                .isEqualTo("attention: workspace-failures DOWN");
        assertThat(HealthBadge.of("failed", 0, 60, List.of(), 60, 0, "1h").text()).isEqualTo("attention: the last run failed");
        assertThat(HealthBadge.of("abandoned", 0, 0, List.of(), 0, 0, "1h").state()).isEqualTo("attention");
        assertThat(HealthBadge.of("partial", 58, 60, List.of(), 2, 2, "1h").text())
                .isEqualTo("attention: 2 workspace(s) not read completely within 1h");
        assertThat(HealthBadge.of("partial", 58, 60, List.of(), 2, 0, "1h")).isEqualTo(new HealthBadge("partial", "partial: 58 of 60 complete"));
    }

    @Test
    void healthyOnlyWhenTheLastRunReadEveryWorkspaceAndNothingFailsOrIsStale() {
        assertThat(HealthBadge.of("success", 60, 60, List.of(), 0, 0, "1h")).isEqualTo(new HealthBadge("healthy", "healthy"));
        assertThat(HealthBadge.of("success", 60, 60, List.of(), 1, 0, "1h").state()).as("a workspace still failing").isEqualTo("partial");
    }
}
