package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
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
 * Another client switches the sync's super-admin key while a workspace is paged (the seed's old dashboard, fetching
 * on demand with the same key). Victim and Other hold 150 accounts each, so a read that turns into Other's pages
 * after page 4 still counts 150 distinct ids against meta.total 150 and looks complete; the switch checks (a lookup
 * of an account of Victim's first page every bison.sync.switch-check-pages pages and at the end) catch it.
 */
class KeySwitchTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("Other", 150)
                .workspace("Victim", 150)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.switch-check-pages", "3");
    }

    @BeforeEach
    void calmSync() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        assertCacheEqualsApi("after the calm first run");
    }

    @Test
    void aSwitchThatPersistsMidReadAppliesNothingOfTheReadAndTheNextCalmRunIsExact() {
        SimWorkspace victim = workspace("Victim");
        SimWorkspace other = workspace("Other");
        Set<Long> victimCached = cachedIds("Victim");
        double switchesBefore = counter("bison_sync_key_switches_total");
        simulator().faults().switchKeyAfterPage(victim.scope(), 4, other.id());

        SyncRun run = runSync();

        Map<String, Object> v = result(run, "Victim");
        assertThat(v).containsEntry("status", "incomplete").containsEntry("deleted", 0).containsEntry("verifications", 0);
        assertThat(v.get("error_message").toString()).contains("switched away").contains("403");
        // checks after pages 3 and 6: the second one stops the read, no further page is fetched
        assertThat(v).containsEntry("key_checks", 2).containsEntry("pages_fetched", 6);
        assertThat(run.status()).isNotEqualTo(RunStatus.SUCCESS);
        // no account cached under a workspace it is not in, nothing deleted
        assertThat(cachedIds("Victim")).isEqualTo(victimCached).isEqualTo(new HashSet<>(victim.accountIds()));
        assertThat(cachedIds("Other")).isEqualTo(new HashSet<>(other.accountIds()));
        assertThat(counter("bison_sync_key_switches_total") - switchesBefore).isEqualTo(1.0);

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        assertCacheEqualsApi("after the next calm run");
    }

    @Test
    void aSwitchAfterTheLastCheckIsCaughtByTheCheckAtTheEndOfTheRead() {
        SimWorkspace victim = workspace("Victim");
        SimWorkspace other = workspace("Other");
        simulator().faults().switchKeyAfterPage(victim.scope(), 10, other.id());

        SyncRun run = runSync();

        // checks after pages 3, 6 and 9 answered 200; the switch came right after the last page, the end check caught it
        assertThat(result(run, "Victim")).containsEntry("status", "incomplete").containsEntry("pages_fetched", 10)
                .containsEntry("key_checks", 4).containsEntry("deleted", 0);
        assertCacheEqualsApi("after the switched run");
    }

    @Test
    void theSwitchChecksAreCountedAndPacedLikeEveryRequest() {
        int before = lookups();

        SyncRun run = runSync();

        // 150 accounts = 10 pages: checks after pages 3, 6, 9 and at the end, per workspace
        assertThat(result(run, "Victim")).containsEntry("key_checks", 4);
        assertThat(result(run, "Other")).containsEntry("key_checks", 4);
        assertThat(lookups() - before).isEqualTo(8);
    }

    private double counter(String name) {
        return context.getRegistry().lookupByNameAndType("syncMetrics", io.bisonsync.metrics.SyncMetrics.class).registry()
                .counter(name, "bison_instance", "Agency").count();
    }

    private int lookups() {
        return (int) simulator().requests().events().stream().filter(e -> e.path().matches(".*/api/sender-emails/\\d+")).count();
    }

    private void assertCacheEqualsApi(String when) {
        for (SimWorkspace ws : instance().workspaces()) {
            assertThat(cachedIds(ws.name())).as("%s %s", ws.name(), when).isEqualTo(new HashSet<>(ws.accountIds()));
        }
    }

    private SimInstance instance() {
        return simulator().instance("agency");
    }

    private SimWorkspace workspace(String name) {
        return instance().workspace(name);
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
