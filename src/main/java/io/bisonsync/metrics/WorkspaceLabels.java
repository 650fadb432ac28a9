package io.bisonsync.metrics;

import io.bisonsync.errors.Text;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workspaces in metric labels: by id ({@code workspace_id}), never by name (an API-controlled string), with the name
 * in one info gauge per workspace, {@code bison_sync_workspace_name{bison_instance, workspace_id, workspace} 1}, to
 * join on (not "_info": the Prometheus exporter strips that suffix from gauges). At most {@link #CAP} workspaces get their own label; the rest share {@code workspace_id="other"}, so a
 * hostile or huge workspace list cannot grow the metrics without bound.
 */
public final class WorkspaceLabels {

    public static final int CAP = 1000;
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final int cap;
    private final Map<List<String>, Boolean> named = new ConcurrentHashMap<>();

    public WorkspaceLabels(MeterRegistry registry) {
        this(registry, CAP);
    }

    WorkspaceLabels(MeterRegistry registry, int cap) {
        this.registry = registry;
        this.cap = cap;
    }

    /**
     * The {@code workspace_id} label of a workspace, registering its info gauge the first time. A workspace list of
     * an API key (no workspace id) is labelled "list:" and its key, e.g. "list:api-user key #2".
     */
    public String label(String instance, Long workspaceId, String workspaceName) {
        String id = workspaceId == null ? "list:" + keyOf(workspaceName) : Long.toString(workspaceId);
        List<String> key = List.of(instance, id, workspaceName == null ? "" : workspaceName);
        if (named.containsKey(key)) {
            return id;
        }
        synchronized (named) {
            if (named.size() >= cap && !named.containsKey(key)) {
                return OTHER;
            }
            named.computeIfAbsent(key, k -> {
                Gauge.builder("bison_sync_workspace_name", () -> 1).tag("bison_instance", instance).tag("workspace_id", id)
                        .tag("workspace", Text.escaped(k.get(2))).description("1 for each workspace in the metrics: its name by workspace_id")
                        .register(registry);
                return true;
            });
        }
        return id;
    }

    private static String keyOf(String listingName) {
        String name = listingName == null ? "" : listingName;
        int i = name.indexOf(" (workspace list)");
        return i < 0 ? name : name.substring(0, i);
    }
}
