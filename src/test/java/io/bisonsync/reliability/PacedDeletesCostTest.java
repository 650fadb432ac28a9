package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost of "deletes need proof, always" with the shipped settings (mass-drop threshold 10%, max-verifications
 * 100, confirm-drop-on-next-read): a workspace that lost all of its 433 accounts, and one that lost 20%. The README
 * ("Deletes need proof") quotes these figures; the runs print them.
 */
class PacedDeletesCostTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("Emptied", 433).workspace("Fifth", 433).build();
    }

    @Test
    void aWorkspaceThatLostAllItsAccountsIsProvenGoneInFiveMoreRunsAndOneThatLostAFifthInOne() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        SimWorkspace emptied = simulator().instance("agency").workspace("Emptied");
        SimWorkspace fifth = simulator().instance("agency").workspace("Fifth");
        emptied.removeFirst(433);
        fifth.removeFirst(87); // 20%

        List<String> emptiedRuns = new ArrayList<>();
        List<String> fifthRuns = new ArrayList<>();
        for (int i = 0; i < 8 && cached("Emptied") + cached("Fifth") > fifth.size(); i++) {
            SyncRun run = runSync();
            Map<String, Object> e = result(run, "Emptied");
            Map<String, Object> f = result(run, "Fifth");
            emptiedRuns.add(e.get("status") + " lookups=" + e.get("verifications") + " deleted=" + e.get("deleted") + " held=" + e.get("held"));
            fifthRuns.add(f.get("status") + " lookups=" + f.get("verifications") + " deleted=" + f.get("deleted") + " held=" + f.get("held"));
            System.out.printf("cost run %d: %.1f s, Emptied %s; Fifth %s%n", i + 1, run.durationSeconds(), emptiedRuns.get(i), fifthRuns.get(i));
        }

        // the drop is held (no lookup), then proven by 100 lookups a run: 100, 100, 100, 100, 33
        assertThat(emptiedRuns).containsExactly("held lookups=0 deleted=0 held=433", "held lookups=100 deleted=100 held=333",
                "held lookups=100 deleted=100 held=233", "held lookups=100 deleted=100 held=133", "held lookups=100 deleted=100 held=33",
                "complete lookups=33 deleted=33 held=0");
        assertThat(fifthRuns.subList(0, 2)).containsExactly("held lookups=0 deleted=0 held=87", "complete lookups=87 deleted=87 held=0");
        assertThat(cached("Emptied")).isZero();
        assertThat(cached("Fifth")).isEqualTo(fifth.size());
    }

    private long cached(String workspace) {
        return db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = ?", workspace);
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }
}
