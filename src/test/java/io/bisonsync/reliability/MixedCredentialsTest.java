package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SuperAdminReads;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * One instance with both key kinds: api-user keys for Alpha, Gamma and Epsilon, the super-admin key for Beta and
 * Delta. One bison_instance, each workspace read once per run, the api-user workspaces in parallel, the
 * super-admin key one workspace after another.
 */
class MixedCredentialsTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("mixed", "Mixed", KeyMode.MIXED)
                .workspace("Alpha", 60).workspace("Beta", 45).workspace("Gamma", 60).workspace("Delta", 30).workspace("Epsilon", 60)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.mixed.max-parallel", "4");
        simulator().faults().latency(Duration.ofMillis(30)); // requests take long enough for parallel reads to overlap
    }

    @Test
    void apiUserWorkspacesAreReadInParallelBesideTheSuperAdminLaneEachWorkspaceOnce() {
        // every run, the first included: the super-admin lane claims nothing before the api-user lanes have claimed
        // theirs (SyncRun.awaitApiUserClaims), so each workspace is read once, with the key the configuration gives it
        int before = simulator().requests().events().size();

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        List<RequestLog.Event> events = simulator().requests().events();
        events = events.subList(before, events.size());
        SimInstance mixed = instance();
        // each workspace's first page read exactly once, with the key the configuration gives it
        Map<Long, List<String>> firstPages = new HashMap<>();
        for (RequestLog.Event e : events) {
            if (e.path().endsWith("sender-emails") && Integer.valueOf(1).equals(e.page())) {
                firstPages.computeIfAbsent(e.currentWorkspaceId(), k -> new ArrayList<>())
                        .add(e.key().equals(mixed.superAdminKey()) ? "super-admin" : "api-user");
            }
        }
        assertThat(firstPages).containsEntry(ws("Alpha").id(), List.of("api-user")).containsEntry(ws("Gamma").id(), List.of("api-user"))
                .containsEntry(ws("Epsilon").id(), List.of("api-user")).containsEntry(ws("Beta").id(), List.of("super-admin"))
                .containsEntry(ws("Delta").id(), List.of("super-admin")).hasSize(5);
        // the api-user reads overlap in time
        List<Instant[]> spans = new ArrayList<>();
        for (String name : List.of("Alpha", "Gamma", "Epsilon")) {
            String key = mixed.apiUserKey(ws(name).id());
            List<Instant> at = events.stream().filter(e -> key.equals(e.key()) && e.path().endsWith("sender-emails")).map(RequestLog.Event::at).toList();
            spans.add(new Instant[] {at.get(0), at.get(at.size() - 1)});
        }
        assertThat(overlapping(spans)).as("api-user reads overlapping another").isGreaterThanOrEqualTo(2);
        // the super-admin key reads its workspaces one after another, never interleaved, and only its own
        List<Long> switched = SuperAdminReads.assertNeverInterleaved(
                events.stream().filter(e -> mixed.superAdminKey().equals(e.key())).toList());
        assertThat(switched).containsExactlyInAnyOrder(ws("Beta").id(), ws("Delta").id());
        assertThat(db().rows("SELECT DISTINCT bison_instance FROM email_accounts_cache")).hasSize(1);
        for (SimWorkspace w : mixed.workspaces()) {
            assertThat(cachedIds(w.name())).as(w.name()).isEqualTo(new HashSet<>(w.accountIds()));
        }
    }

    @Test
    void aMoveBetweenAnApiUserAndASuperAdminWorkspaceIsAMoveInPlace() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        long toBeta = ws("Alpha").accountIds().get(3);
        long toGamma = ws("Delta").accountIds().get(5);
        Object rowOfToBeta = db().row("SELECT id FROM email_accounts_cache WHERE bison_id = ?", toBeta).get("id");
        ws("Alpha").moveAccountTo(toBeta, ws("Beta"));
        ws("Delta").moveAccountTo(toGamma, ws("Gamma"));

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().row("SELECT id, workspace_name FROM email_accounts_cache WHERE bison_id = ?", toBeta))
                .containsEntry("workspace_name", "Beta").containsEntry("id", rowOfToBeta);
        assertThat(db().row("SELECT workspace_name FROM email_accounts_cache WHERE bison_id = ?", toGamma))
                .containsEntry("workspace_name", "Gamma");
        assertThat(db().count("SELECT coalesce(sum(deleted), 0) FROM email_sync_workspace_results WHERE run_id = ?", run.id())).isZero();
        for (SimWorkspace w : instance().workspaces()) {
            assertThat(cachedIds(w.name())).as(w.name()).isEqualTo(new HashSet<>(w.accountIds()));
        }
    }

    /** How many spans overlap at least one other. */
    private static int overlapping(List<Instant[]> spans) {
        int n = 0;
        for (int i = 0; i < spans.size(); i++) {
            for (int j = 0; j < spans.size(); j++) {
                if (i != j && !spans.get(i)[1].isBefore(spans.get(j)[0]) && !spans.get(j)[1].isBefore(spans.get(i)[0])) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private SimInstance instance() {
        return simulator().instance("mixed");
    }

    private SimWorkspace ws(String name) {
        return instance().workspace(name);
    }

    private java.util.Set<Long> cachedIds(String workspace) {
        java.util.Set<Long> ids = new HashSet<>();
        db().rows("SELECT bison_id FROM email_accounts_cache WHERE workspace_name = ?", workspace)
                .forEach(r -> ids.add(((Number) r.get("bison_id")).longValue()));
        return ids;
    }
}
