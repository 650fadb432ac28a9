package io.bisonsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.api.Credential;
import io.bisonsync.config.TestInstance;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnceCommandTest {

    @Test
    void theProgressLineOfALongRunSaysDoneOfPlannedAccountsAndAnEstimateOnlyOnceAWorkspaceFinished() {
        Credential key = TestInstance.superAdmin("maverick").lane(0);
        SyncRun run = new SyncRun("manual", List.of(key));
        run.planned(4);

        assertThat(OnceCommand.progressLine(run)).matches("Progress: 0 of 4 workspaces, 0 accounts, \\d+ s so far");

        run.workspaceDone(new WorkspaceRun(run, key, 1, "Acme", 50, 15, Duration.ofSeconds(45)));

        assertThat(OnceCommand.progressLine(run)).matches("Progress: 1 of 4 workspaces, 0 accounts, \\d+ s so far, about \\d+ s to go");
    }
}
