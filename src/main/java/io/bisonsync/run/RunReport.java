package io.bisonsync.run;

import io.bisonsync.errors.Text;
import io.bisonsync.workspace.WorkspaceRun;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end-of-run report close-run logs, one line per instance and per workspace. Names and errors come from the API:
 * escaped ({@link Text#escaped}) before they are placed, since close-run splits the report on line breaks.
 */
public final class RunReport {

    /** The readable end-of-run report: one line per instance and per workspace. */
    public String text(SyncRun run) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Sync run %d (%s) finished: %s, %d accounts from %d workspaces in %.1f s%n",
                run.id(), run.trigger(), run.status().name(), run.accountsFetched(), run.workspaces().size(),
                run.durationSeconds()));
        Map<String, List<WorkspaceRun>> byInstance = run.workspaces().stream()
                .sorted(Comparator.comparing(WorkspaceRun::workspaceName))
                .collect(Collectors.groupingBy(WorkspaceRun::instanceName, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byInstance.entrySet()) {
            int accounts = entry.getValue().stream().mapToInt(WorkspaceRun::accountsRead).sum();
            out.append(String.format("  %s: %d accounts in %d workspaces%n", Text.escaped(entry.getKey()), accounts, entry.getValue().size()));
            for (WorkspaceRun ws : entry.getValue()) {
                out.append(String.format("    %-28s %6d accounts %4d pages  %s%n", Text.escaped(ws.workspaceName()), ws.accountsRead(),
                        ws.pagesFetched(), ws.status().dbValue() + (ws.errorMessage() == null ? "" : " (" + Text.escaped(ws.errorMessage()) + ")")));
            }
        }
        for (SyncRun.ListingFailure f : run.listingFailures()) {
            out.append(String.format("  %s: workspace list failed: %s%n", Text.escaped(f.label()), Text.escaped(f.errorMessage())));
        }
        return out.toString().stripTrailing();
    }
}
