package io.bisonsync.deletion;

import io.bisonsync.api.RecordLookup;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.write.AccountRow;
import io.bisonsync.write.AccountRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The steps of {@code prove-deletions}: which unseen accounts to look up ({@link DeletionPolicy}) and what each lookup
 * proved ({@link DeletionProof}); record-workspace applies the result with the workspace's rows. Only accounts proven gone are
 * deleted; an account found again is stored, one that moved to another workspace is left to that workspace's read.
 */
public final class WorkspaceDeletions {

    private final DeletionPolicy policy;
    private final AccountRows rows = new AccountRows();

    public WorkspaceDeletions(DeletionPolicy policy) {
        this.policy = policy;
    }

    /**
     * Takes the rows of sql/deletion-candidates.sql (the workspace's cached accounts this read did not see) and
     * returns the ids to look up.
     */
    public List<Long> plan(WorkspaceRun workspace, List<Map<String, Object>> candidateRows) {
        List<DeletionPolicy.Candidate> candidates = new ArrayList<>(candidateRows.size());
        List<Long> ids = new ArrayList<>(candidateRows.size());
        int cachedBefore = 0;
        for (Map<String, Object> row : candidateRows) {
            long id = ((Number) row.get("bison_id")).longValue();
            candidates.add(new DeletionPolicy.Candidate(id, Boolean.TRUE.equals(row.get("held"))));
            ids.add(id);
            cachedBefore = ((Number) row.get("cached_before")).intValue();
        }
        DeletionProof proof = new DeletionProof(policy.decide(candidates, cachedBefore, workspace.credential().superAdmin()), ids);
        workspace.deletionPlanned(proof);
        return proof.toVerify();
    }

    /** One lookup's answer (the body after call-bison). */
    public void verified(WorkspaceRun workspace, long bisonId, RecordLookup lookup) {
        AccountRow row = null;
        if (lookup.outcome() == RecordLookup.Outcome.FOUND) {
            row = rows.toRow(lookup.record());
            if (row != null && row.bisonId() != bisonId) {
                row = null; // an answer about another record proves nothing about this one
            }
        }
        workspace.proof().record(bisonId, lookup.outcome(), row);
    }

    /** Named parameters of sql/record-lookups.sql: what was looked up, and what answered 403 as a move. */
    public Map<String, Object> lookupsRow(WorkspaceRun workspace) {
        DeletionProof proof = workspace.proof();
        Map<String, Object> m = new HashMap<>();
        m.put("runId", workspace.runId());
        m.put("instance", workspace.instanceName());
        m.put("workspaceId", workspace.workspaceId());
        m.put("lookedUpIds", proof.toVerify().toArray(Long[]::new));
        m.put("movedIds", workspace.keySwitched() ? new Long[0] : proof.movedIds().toArray(Long[]::new));
        return m;
    }

    /** Dead letter of verify-account: the lookup failed after retries, so the account is kept. */
    public void unproven(Exchange exchange) {
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        workspace.proof().unproven();
    }

    /** Rows of the accounts the list skipped but the lookups found: written like any page's rows. */
    public List<AccountRow> recoveredRows(WorkspaceRun workspace) {
        return workspace.proof().recoveredRows();
    }
}
