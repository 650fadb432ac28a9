package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts that move to a workspace bison-sync does not read (an excluded workspace of a super-admin instance, the
 * workspace of an api-user key that is not configured) leave the cache, counted moved_out, instead of staying under
 * the client they left, in the first run that reads every planned workspace of the instance completely: a lookup
 * answered 403 for them and so did each of those workspaces at the end of the run (deletion.MovedOutProof). An account
 * that moved into a workspace after that workspace's read is found there and stored there instead.
 */
class MovedOutTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("North", 60).workspace("South", 40).workspace("Hidden", 20)
                .instance("solo", "Solo", KeyMode.API_USER)
                .workspace("Uno", 40).workspace("Dos", 30)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.agency.exclude-workspaces", "Hidden");
        // only Uno's api-user key is configured: Dos is not read
        SimInstance solo = simulator().instance("solo");
        overrides.put("bison.instance.solo.api-user-key-files", "");
        overrides.put("bison.instance.solo.api-user-keys", solo.apiUserKey(solo.workspace("Uno").id()));
    }

    @BeforeEach
    void calmSync() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void accountsThatMovedToAnExcludedOrUnconfiguredWorkspaceLeaveTheCacheAfterOneRunCountedMovedOut() {
        SimWorkspace north = ws("agency", "North");
        SimWorkspace uno = ws("solo", "Uno");
        List<Long> toHidden = List.copyOf(north.accountIds().subList(0, 2));
        List<Long> toDos = List.copyOf(uno.accountIds().subList(5, 7));
        toHidden.forEach(id -> north.moveAccountTo(id, ws("agency", "Hidden")));
        toDos.forEach(id -> uno.moveAccountTo(id, ws("solo", "Dos")));
        double movedOutBefore = counter("Agency") + counter("Solo");

        SyncRun calm = runSync();

        // the lookups answer 403, and so does every workspace of the instance this run read: gone in this run
        assertThat(calm.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(result(calm, "North")).containsEntry("moved", 2).containsEntry("moved_out", 2).containsEntry("deleted", 0);
        assertThat(result(calm, "Uno")).containsEntry("moved", 2).containsEntry("moved_out", 2).containsEntry("deleted", 0);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_id = ANY (?)",
                (Object) concat(toHidden, toDos).toArray(Long[]::new))).isZero();
        assertThat(cachedIds("North")).isEqualTo(new HashSet<>(north.accountIds()));
        assertThat(cachedIds("South")).isEqualTo(new HashSet<>(ws("agency", "South").accountIds()));
        assertThat(cachedIds("Uno")).isEqualTo(new HashSet<>(uno.accountIds()));
        assertThat(counter("Agency") + counter("Solo") - movedOutBefore).isEqualTo(4.0);
    }

    @Test
    void anAccountThatMovesMidRunIntoAWorkspaceWhoseReadHadEndedIsStoredThereNotRemoved() {
        SimWorkspace north = ws("agency", "North");
        SimWorkspace south = ws("agency", "South");
        long moving = south.accountIds().get(3);
        // North (60 accounts, read first: the larger) has served its last page when the account moves into it
        simulator().faults().afterPage(north.scope(), 4, (instance, workspace, position) -> south.moveAccountTo(moving, north));

        SyncRun run = runSync();

        assertThat(north.accountIds()).contains(moving);
        assertThat(result(run, "South")).containsEntry("moved", 1).containsEntry("moved_out", 0).containsEntry("deleted", 0);
        assertThat(db().row("SELECT workspace_name, moved_seen_run_id FROM email_accounts_cache WHERE bison_id = ?", moving))
                .containsEntry("workspace_name", "North").containsEntry("moved_seen_run_id", null);
        assertThat(cachedIds("North")).isEqualTo(new HashSet<>(north.accountIds()));
        assertThat(cachedIds("South")).isEqualTo(new HashSet<>(south.accountIds()));
    }

    @Test
    void nothingMovesOutWhileAWorkspaceOfTheInstanceWasNotReadCompletely() {
        SimWorkspace north = ws("agency", "North");
        long moving = north.accountIds().get(0);
        north.moveAccountTo(moving, ws("agency", "Hidden"));
        simulator().faults().serverError(ws("agency", "South").scope(), Faults.ANY_PAGE, 500, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(result(run, "South")).containsEntry("status", "failed");
        assertThat(result(run, "North")).containsEntry("moved", 1).containsEntry("moved_out", 0);
        assertThat(cachedIds("North")).contains(moving);
        simulator().faults().reset();
        assertThat(result(runSync(), "North")).containsEntry("moved_out", 1);
        assertThat(cachedIds("North")).doesNotContain(moving);
    }

    @Test
    void anAccountThatMovesBackBeforeTheNextRunIsKeptAndStoredAgain() {
        SimWorkspace north = ws("agency", "North");
        SimWorkspace hidden = ws("agency", "Hidden");
        long moving = north.accountIds().get(1);
        north.moveAccountTo(moving, hidden);
        simulator().faults().serverError(ws("agency", "South").scope(), Faults.ANY_PAGE, 500, Faults.FOREVER);
        runSync(); // seen moved, kept: South was not read
        simulator().faults().reset();
        hidden.moveAccountTo(moving, north);

        SyncRun run = runSync();

        assertThat(result(run, "North")).containsEntry("moved_out", 0);
        assertThat(cachedIds("North")).contains(moving);
        assertThat(db().row("SELECT moved_seen_run_id FROM email_accounts_cache WHERE bison_id = ?", moving))
                .containsEntry("moved_seen_run_id", null);
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private double counter(String instance) {
        return context.getRegistry().lookupByNameAndType("syncMetrics", io.bisonsync.metrics.SyncMetrics.class).registry()
                .counter("bison_sync_accounts_total", "bison_instance", instance, "outcome", "moved_out").count();
    }

    private SimWorkspace ws(String slug, String name) {
        return simulator().instance(slug).workspace(name);
    }

    private Set<Long> cachedIds(String workspace) {
        Set<Long> ids = new HashSet<>();
        db().rows("SELECT bison_id FROM email_accounts_cache WHERE workspace_name = ?", workspace)
                .forEach(r -> ids.add(((Number) r.get("bison_id")).longValue()));
        return ids;
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }
}
