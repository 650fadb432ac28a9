package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A workspace is all or nothing: SIGKILL the application at many points of one workspace's write (pages read but no
 * batch written, after each 500-row batch, with everything staged) and the cache holds that workspace exactly as
 * before the run or exactly as the API has it after, never a mix.
 */
class AtomicWorkspaceTest extends SyncTestSupport {

    private static final int ACCOUNTS = 1_200; // 80 pages, batches of 500, 500 and 200

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("agency", "Agency", KeyMode.SUPER_ADMIN).workspace("Big", ACCOUNTS).build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.max-pages", "100");
        overrides.put("bison.sync.workspace-timeout", "5m");
        overrides.put("bison.sync.max-verifications", "1000");
    }

    @Test
    void aKillAtAnyPointOfAWorkspacesWriteLeavesItAsItWasBeforeOrAsItIsAfterNeverAMix() throws Exception {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        SimWorkspace big = simulator().instance("agency").workspace("Big");
        simulator().faults().latency(Duration.ofMillis(15));
        // where the kill lands: rows of this run staged (0: pages read, nothing written yet), up to all of them
        int[] stagedBeforeKill = {0, 1, 500, 1_000, ACCOUNTS};
        for (int version = 0; version < stagedBeforeKill.length; version++) {
            Set<String> before = cachedRows();
            Set<String> after = newVersion(big, version);
            int pagesBefore = pageReads(big);
            Process child = startChild(useOverridePropertiesWithPropertiesComponent(), List.of(), "--once").process();
            int staged = stagedBeforeKill[version];
            // another process's progress, seen in the database and the simulator: no latch spans JVMs; checked often,
            // so that the kill lands right after the point
            await("kill point " + version).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> staged == 0 ? pageReads(big) >= pagesBefore + 3 : stagedRowsOfARunningRun() >= staged || !child.isAlive());

            child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);

            Set<String> cached = cachedRows();
            assertThat(cached.equals(before) || cached.equals(after))
                    .as("kill %d (after %d staged rows): the workspace is all before (%d rows) or all after (%d rows), found %d rows,"
                            + " %d of them of the new version", version, staged, before.size(), after.size(), cached.size(),
                            cached.stream().filter(after::contains).count())
                    .isTrue();
        }
        // the killed runs left staged rows only: the next run clears them and converges
        simulator().faults().reset();
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(cachedRows()).isEqualTo(apiRows(big));
    }

    /** Changes every record's name and replaces a few records: the version the next run must apply whole. */
    private Set<String> newVersion(SimWorkspace big, int version) {
        for (long id : big.accountIds()) {
            big.updateField(id, "name", "v" + version + " " + id);
        }
        List.copyOf(big.accountIds().subList(0, 3)).forEach(big::removeAccount);
        big.addAccounts(3);
        return apiRows(big);
    }

    private static Set<String> apiRows(SimWorkspace big) {
        Set<String> rows = new HashSet<>();
        big.accounts().forEach(a -> rows.add(a.get("id").asLong() + "|" + a.path("name").asText()));
        return rows;
    }

    private Set<String> cachedRows() {
        Set<String> rows = new HashSet<>();
        db().rows("SELECT bison_id, name FROM email_accounts_cache WHERE workspace_name = 'Big'")
                .forEach(r -> rows.add(r.get("bison_id") + "|" + r.get("name")));
        return rows;
    }

    private int pageReads(SimWorkspace big) {
        return (int) simulator().requests().events().stream()
                .filter(e -> e.path().endsWith("sender-emails") && Long.valueOf(big.id()).equals(e.currentWorkspaceId())).count();
    }

    private long stagedRowsOfARunningRun() {
        return db().count("SELECT count(*) FROM email_accounts_staging s JOIN email_sync_logs l ON l.id = s.run_id"
                + " WHERE l.status = 'running' AND l.id = (SELECT max(id) FROM email_sync_logs)");
    }
}
