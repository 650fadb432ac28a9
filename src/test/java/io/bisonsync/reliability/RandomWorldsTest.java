package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.RunningApp;
import io.bisonsync.sync.RunStatus;
import io.bisonsync.sync.SyncRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hunts for data-accuracy bugs instead of confirming known cases: random worlds (workspace sizes), random changes
 * between runs, and random changes between page reads (adds and removes before, at and after the reader,
 * count-preserving shifts, moves between workspaces), run through the real pipeline against the simulator.
 * After every run: no account that was cached before it and still exists at its end is missing from the cache,
 * and every row it stored sits in a workspace the account was in at some moment of the run; after one calm run
 * the cache equals the API exactly.
 *
 * <p>500 tries in the suite; the longer hunt: {@code mvn -B verify -Dtest=RandomWorldsTest
 * -Djqwik.tries.default=5000}. The mass-drop gate is off here (it holds deletions on purpose; MassDropGateTest
 * covers it), so a calm run must always converge.
 */
class RandomWorldsTest {

    /** Where a change lands relative to the reader's position (the end of the page just served). */
    enum Region { BEFORE, AT, AFTER }

    enum Kind { INSERT, REMOVE, SHIFT, MOVE }

    /**
     * One change to a workspace's list.
     *
     * @param workspace index into {@link #WORKSPACES}
     * @param page      applied right after this page of the workspace is served (0: between runs)
     * @param where     fraction within the region, 0 (its start) to 1 (its end)
     * @param target    for MOVE: index of the workspace (of the same instance) it moves to
     */
    record Change(int workspace, int page, Kind kind, Region region, double where, int count, int target) {
        @Override
        public String toString() {
            return kind + " " + count + " " + region + "(" + String.format("%.2f", where) + ") of " + WORKSPACES.get(workspace)
                    + (page == 0 ? " between runs" : " after page " + page) + (kind == Kind.MOVE ? " to " + WORKSPACES.get(target) : "");
        }
    }

    record World(List<Integer> sizes, List<Change> between, List<Change> during) {
    }

    /** slug/name of each workspace of the fleet, by index. */
    private static final List<String> WORKSPACES = List.of("agency/North", "agency/South", "agency/West", "solo/Uno", "solo/Dos");

    private static RunningApp app;

    @BeforeContainer
    static void boot() {
        FleetSpec fleet = FleetSpec.builder()
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN).workspace("North", 0).workspace("South", 0).workspace("West", 0)
                .instance("solo", "Solo", KeyMode.API_USER).workspace("Uno", 0).workspace("Dos", 0)
                .build();
        Properties p = new Properties();
        p.put("bison.sync.mass-drop-threshold", "1.0");
        p.put("bison.sync.max-verifications", "1000");
        p.put("bison.sync.max-parallel-lanes", "3");
        app = RunningApp.start(fleet, p);
    }

    @AfterContainer
    static void shutdown() {
        if (app != null) {
            app.close();
        }
    }

    @Property
    void noRunLosesAnAccountThatExistsAndOneCalmRunMakesTheCacheEqualTheApi(@ForAll("worlds") World world) {
        resetWorld(world.sizes());
        SyncRun first = app.runSync();
        assertThat(first.status()).as("calm first run").isEqualTo(RunStatus.SUCCESS);
        assertCacheEqualsApi("after the first calm run");

        Map<String, Set<Long>> cachedBefore = cachedIds();
        Map<Long, Set<String>> homes = new ConcurrentHashMap<>();
        world.between().forEach(c -> apply(c, 0, homes));
        recordHomes(homes);
        for (Change c : world.during()) {
            SimWorkspace ws = workspace(c.workspace());
            app.simulator().faults().afterPage(ws.scope(), c.page(), (instance, w, position) -> apply(c, position, homes));
        }

        SyncRun mutated = app.runSync();

        assertThat(mutated.status()).isIn(RunStatus.SUCCESS, RunStatus.PARTIAL);
        Map<String, Set<Long>> apiAtEnd = apiIds();
        Map<String, Set<Long>> cachedAfter = cachedIds();
        for (String instance : apiAtEnd.keySet()) {
            Set<Long> mustStay = new HashSet<>(cachedBefore.getOrDefault(instance, Set.of()));
            mustStay.retainAll(apiAtEnd.get(instance));
            assertThat(cachedAfter.getOrDefault(instance, Set.of())).as("%s: accounts cached before the run that still exist", instance)
                    .containsAll(mustStay);
        }
        for (Map<String, Object> row : app.db().rows("SELECT c.bison_instance, c.bison_id, c.workspace_name FROM email_accounts_cache c"
                + " WHERE c.last_sync_run_id = ?", mutated.id())) {
            long id = ((Number) row.get("bison_id")).longValue();
            String home = slug((String) row.get("bison_instance")) + "/" + row.get("workspace_name");
            assertThat(homes.getOrDefault(id, Set.of())).as("account %s stored in %s", id, home).contains(home);
        }

        app.simulator().faults().reset();
        SyncRun calm = app.runSync();
        assertThat(calm.status()).as("calm run after the changes").isEqualTo(RunStatus.SUCCESS);
        assertCacheEqualsApi("after one calm run");
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(0, 40).list().ofSize(WORKSPACES.size());
        return Combinators.combine(sizes, changes(0).list().ofMaxSize(3), changes(1).list().ofMaxSize(5)).as(World::new);
    }

    private static Arbitrary<Change> changes(int minPage) {
        Arbitrary<Integer> workspace = Arbitraries.integers().between(0, WORKSPACES.size() - 1);
        Arbitrary<Integer> page = minPage == 0 ? Arbitraries.just(0) : Arbitraries.integers().between(1, 3);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1).ofScale(2);
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> target = Arbitraries.integers().between(0, WORKSPACES.size() - 1);
        return Combinators.combine(workspace, page, Arbitraries.of(Kind.class), Arbitraries.of(Region.class), where, count, target)
                .as(Change::new);
    }

    // ---- the world

    private static SimWorkspace workspace(int index) {
        String[] slugName = WORKSPACES.get(index).split("/");
        return app.simulator().instance(slugName[0]).workspace(slugName[1]);
    }

    private static String slug(String instanceName) {
        return app.simulator().instances().stream().filter(i -> i.name().equals(instanceName)).findFirst().orElseThrow().slug();
    }

    private static void resetWorld(List<Integer> sizes) {
        app.simulator().faults().reset();
        for (int i = 0; i < sizes.size(); i++) {
            workspace(i).replaceAccounts(sizes.get(i));
        }
        app.db().execute("TRUNCATE email_accounts_cache, email_sync_workspace_results, email_sync_workspace_state, email_sync_logs");
    }

    /** Applies a change; {@code position} is the reader's position (0 between runs). Records every account's homes. */
    private static void apply(Change c, int position, Map<Long, Set<String>> homes) {
        SimWorkspace ws = workspace(c.workspace());
        String home = WORKSPACES.get(c.workspace());
        int size = ws.size();
        int pos = Math.min(position, size);
        int index = switch (c.region()) {
            case BEFORE -> (int) (c.where() * pos);
            case AT -> pos;
            case AFTER -> pos + (int) Math.round(c.where() * (size - pos));
        };
        switch (c.kind()) {
            case INSERT -> ws.insertAccounts(index, c.count()).forEach(id -> homes.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(home));
            case REMOVE -> {
                for (int i = 0; i < c.count(); i++) {
                    ws.removeAt(Math.min(index, ws.size() - 1));
                }
            }
            case SHIFT -> {
                for (int i = 0; i < c.count(); i++) {
                    ws.removeAt(Math.min(index, ws.size() - 1));
                }
                ws.addAccounts(c.count()).forEach(id -> homes.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(home));
            }
            case MOVE -> {
                String[] from = home.split("/");
                String[] to = WORKSPACES.get(c.target()).split("/");
                List<Long> ids = ws.accountIds();
                if (from[0].equals(to[0]) && !from[1].equals(to[1]) && !ids.isEmpty()) {
                    long id = ids.get(Math.min(index, ids.size() - 1));
                    ws.moveAccountTo(id, app.simulator().instance(to[0]).workspace(to[1]));
                    homes.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(WORKSPACES.get(c.target()));
                }
            }
        }
    }

    /** Every account's workspace at the start of the run is one of its homes. */
    private static void recordHomes(Map<Long, Set<String>> homes) {
        for (int i = 0; i < WORKSPACES.size(); i++) {
            String home = WORKSPACES.get(i);
            workspace(i).accountIds().forEach(id -> homes.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(home));
        }
    }

    private static Map<String, Set<Long>> apiIds() {
        Map<String, Set<Long>> ids = new HashMap<>();
        for (SimInstance instance : app.simulator().instances()) {
            Set<Long> all = new HashSet<>();
            instance.workspaces().forEach(w -> all.addAll(w.accountIds()));
            ids.put(instance.name(), all);
        }
        return ids;
    }

    private static Map<String, Set<Long>> cachedIds() {
        Map<String, Set<Long>> ids = new HashMap<>();
        for (Map<String, Object> row : app.db().rows("SELECT bison_instance, bison_id FROM email_accounts_cache")) {
            ids.computeIfAbsent((String) row.get("bison_instance"), k -> new HashSet<>()).add(((Number) row.get("bison_id")).longValue());
        }
        return ids;
    }

    private static void assertCacheEqualsApi(String when) {
        List<String> api = new ArrayList<>();
        for (SimInstance instance : app.simulator().instances()) {
            for (SimWorkspace w : instance.workspaces()) {
                w.accountIds().forEach(id -> api.add(instance.name() + "/" + w.name() + "/" + id));
            }
        }
        List<String> cache = app.db().rows("SELECT bison_instance, workspace_name, bison_id, sync_status FROM email_accounts_cache").stream()
                .map(r -> r.get("bison_instance") + "/" + r.get("workspace_name") + "/" + r.get("bison_id")
                        + ("success".equals(r.get("sync_status")) ? "" : " (" + r.get("sync_status") + ")"))
                .toList();
        assertThat(cache).as("cache %s", when).containsExactlyInAnyOrderElementsOf(api);
    }
}
