package io.bisonsync.lane;

import io.bisonsync.api.Credential;
import io.bisonsync.workspace.WorkspaceRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a run reads its work, from the previous run's counts: largest first, so that no large
 * workspace starts last and leaves one reader alone at the end of the run while the budget is idle. Workspaces
 * (and api-user lanes, each one workspace) with no previous count come first, in the order given (a new
 * workspace may be large); among known ones the larger come first, ties in the order given. Pure: no Camel, no
 * database; the counts come from {@code sql/previous-workspace-sizes.sql}.
 */
public final class LargestFirst {

    /** No previous run: everything keeps the order given. */
    public static final LargestFirst NONE = new LargestFirst(Map.of(), Map.of(), java.util.Set.of());

    private final Map<String, Integer> byWorkspace;
    private final Map<String, Integer> byLane;
    private final java.util.Set<String> readByApiUserKey;

    private LargestFirst(Map<String, Integer> byWorkspace, Map<String, Integer> byLane, java.util.Set<String> readByApiUserKey) {
        this.byWorkspace = byWorkspace;
        this.byLane = byLane;
        this.readByApiUserKey = readByApiUserKey;
    }

    /**
     * From the rows of {@code sql/previous-workspace-sizes.sql}: {@code bison_instance}, {@code workspace_id},
     * {@code lane} (the key label that read it, e.g. "api-user key #3"; may be null) and {@code accounts}.
     */
    public static LargestFirst fromRows(List<Map<String, Object>> rows) {
        Map<String, Integer> byWorkspace = new HashMap<>();
        Map<String, Integer> byLane = new HashMap<>();
        java.util.Set<String> apiUser = new java.util.HashSet<>();
        for (Map<String, Object> row : rows) {
            String instance = (String) row.get("bison_instance");
            int accounts = row.get("accounts") instanceof Number n ? n.intValue() : 0;
            if (row.get("workspace_id") instanceof Number id) {
                byWorkspace.merge(workspaceKey(instance, id.longValue()), accounts, Math::max);
            }
            if (row.get("lane") instanceof String lane) {
                byLane.merge(laneKey(instance, lane), accounts, Math::max);
                if (lane.startsWith("api-user") && row.get("workspace_id") instanceof Number id) {
                    apiUser.add(workspaceKey(instance, id.longValue()));
                }
            }
        }
        return new LargestFirst(Map.copyOf(byWorkspace), Map.copyOf(byLane), java.util.Set.copyOf(apiUser));
    }

    /** The lanes of one instance, the api-user lanes whose workspace was largest in the previous run first. */
    public List<Credential> lanes(List<Credential> lanes) {
        return sorted(lanes, c -> byLane.get(laneKey(c.instance().name(), c.keyLabel())));
    }

    /**
     * The workspaces of a lane (a super-admin key's), the largest in the previous run first; in an instance with
     * both key kinds, the ones an api-user key read last time come after all others, so that their api-user lanes,
     * running in parallel, have claimed them before the super-admin lane gets there (else it reads them itself).
     */
    public List<WorkspaceRun> workspaces(List<WorkspaceRun> workspaces) {
        List<WorkspaceRun> bySize = sorted(workspaces, w -> byWorkspace.get(workspaceKey(w.instanceName(), w.workspaceId())));
        bySize.sort(Comparator.comparing(w -> readByApiUserKey.contains(workspaceKey(w.instanceName(), w.workspaceId()))));
        return bySize;
    }

    /** The previous count of a workspace, or null when the previous runs did not read it. */
    public Integer previousAccounts(String instance, long workspaceId) {
        return byWorkspace.get(workspaceKey(instance, workspaceId));
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, Integer> size) {
        List<T> out = new ArrayList<>(items);
        // stable: unknown (null) first in the given order, then known sizes descending, ties in the given order
        out.sort(Comparator.comparing(size, Comparator.nullsFirst(Comparator.<Integer>reverseOrder())));
        return out;
    }

    private static String workspaceKey(String instance, long workspaceId) {
        return instance + "\n" + workspaceId;
    }

    private static String laneKey(String instance, String lane) {
        return instance + "\n" + lane;
    }
}
