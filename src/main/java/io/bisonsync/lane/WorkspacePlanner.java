package io.bisonsync.lane;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.api.BisonApiException;
import io.bisonsync.api.Credential;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a lane's {@code GET /api/workspaces/v1.1} answer into the workspaces it reads this run, in reading order.
 * A super-admin lane applies include/exclude; an api-user key must see exactly one workspace, which it claims (in an
 * instance with both key kinds, the super-admin lane leaves the claimed ones to their api-user lanes).
 */
public final class WorkspacePlanner {

    private final BisonSettings.Sync sync;
    private final SyncMetrics metrics;

    public WorkspacePlanner(BisonSettings.Sync sync, SyncMetrics metrics) {
        this.sync = sync;
        this.metrics = metrics;
    }

    /** The super-admin lane skips a workspace another lane of its instance reads. */
    public void leftToAnotherLane(SyncRun run, WorkspaceRun workspace) {
        run.leftToAnotherLane(workspace);
        metrics.planned(-1);
    }

    /** The cursor over a lane's workspace list. */
    public WorkspaceListing listing(Credential credential) {
        return new WorkspaceListing(credential);
    }

    /** One page of the lane's workspace list. */
    public void accept(WorkspaceListing listing, JsonNode page) {
        listing.accept(page);
    }

    /**
     * The workspaces the lane reads this run: a super-admin lane applies include/exclude; an api-user key must see
     * exactly one. Sorted by name, so a run reads them in a stable order.
     */
    public List<WorkspaceRun> plan(SyncRun run, WorkspaceListing listing) {
        Credential credential = listing.credential();
        List<WorkspaceRun> selected = new ArrayList<>();
        listing.workspaces().forEach((id, name) -> {
            if (!credential.superAdmin() || credential.instance().selects(id, name)) {
                selected.add(new WorkspaceRun(run, credential, id, name, sync.maxPages(), sync.perPage(), sync.workspaceTimeout(),
                        sync.switchCheckPages()));
            }
        });
        List<WorkspaceRun> planned = selected;
        if (!credential.superAdmin() && planned.size() != 1) {
            throw new BisonApiException(BisonApiException.Kind.MALFORMED, 200, "api-user key " + credential.label()
                    + " sees " + planned.size() + " workspaces; an api-user key must see exactly one");
        }
        if (!credential.superAdmin() && run.claimedByAnotherLane(planned.get(0))) {
            planned = new ArrayList<>(); // a mixed instance's super-admin lane is reading it already
        }
        if (credential.superAdmin()) {
            awaitApiUserClaims(run, credential);
        } else {
            run.apiUserLaneSettled(credential);
        }
        planned.sort(Comparator.comparing(WorkspaceRun::workspaceName));
        planned = run.order().workspaces(planned); // largest first from the previous run (LargestFirst)
        run.planned(planned.size());
        metrics.planned(planned.size());
        return planned;
    }

    private static void awaitApiUserClaims(SyncRun run, Credential superAdmin) {
        try {
            run.awaitApiUserClaims(superAdmin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + superAdmin.label() + " waited for its api-user lanes' claims", e);
        }
    }
}
