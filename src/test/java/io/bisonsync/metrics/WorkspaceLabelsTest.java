package io.bisonsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Workspaces appear in metrics by id, their names once each in an info gauge, and never more than the cap. */
class WorkspaceLabelsTest {

    @Test
    void aWorkspaceIsLabelledByIdWithItsNameInTheInfoGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkspaceLabels labels = new WorkspaceLabels(registry, 10);

        assertThat(labels.label("Maverick", 35L, "Acme\r\nOutreach")).isEqualTo("35");
        assertThat(labels.label("Maverick", 35L, "Acme\r\nOutreach")).isEqualTo("35");
        assertThat(labels.label("Maverick", null, "api-user key #2 (workspace list)")).isEqualTo("list:api-user key #2");

        assertThat(registry.find("bison_sync_workspace_name").gauges()).hasSize(2);
        assertThat(registry.get("bison_sync_workspace_name").tag("workspace_id", "35").gauge().getId().getTag("workspace"))
                .as("the name's line break escaped in the label value").isEqualTo("Acme\\r\\nOutreach");
    }

    @Test
    void beyondTheCapWorkspacesShareOneLabelAndAddNoInfoGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkspaceLabels labels = new WorkspaceLabels(registry, 3);
        for (long id = 1; id <= 3; id++) {
            assertThat(labels.label("Maverick", id, "ws " + id)).isEqualTo(Long.toString(id));
        }

        assertThat(labels.label("Maverick", 4L, "ws 4")).isEqualTo("other");
        assertThat(labels.label("Maverick", 2L, "ws 2")).as("known ones keep theirs").isEqualTo("2");
        assertThat(registry.find("bison_sync_workspace_name").gauges()).hasSize(3);
    }
}
