package io.bisonsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read of one workspace in one run: the page cursor, the ids seen, and the counts that end up in
 * email_sync_workspace_results. One instance per workspace per run; pages are read by one thread at a time,
 * batch writes report back from the aggregator.
 */
public final class WorkspaceRun {

    private final SyncRun run;
    private final Credential credential;
    private final long workspaceId;
    private final String workspaceName;
    private final int maxPages;
    private final int perPage;
    private final long deadlineNanos;
    private final long startedNanos = System.nanoTime();

    private int nextPage = 1;
    private boolean endReached;
    private Integer apiTotal;
    private boolean totalChanged;
    private int pagesFetched;
    private int rejected;
    private int duplicates;
    private Set<Long> seenIds = new HashSet<>(); // dropped when the workspace is finished (heap flat in fleet size)
    private int accountsRead;
    private WorkspaceStatus status;
    private String errorClass;
    private String errorMessage;
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger batchFailures = new AtomicInteger();
    private volatile String batchError;
    private int inserted;
    private int updated;
    private int deleted;
    private int held;
    private long durationMs;

    public WorkspaceRun(SyncRun run, Credential credential, long workspaceId, String workspaceName, int maxPages, int perPage,
                        Duration timeout) {
        this.run = run;
        this.credential = credential;
        this.workspaceId = workspaceId;
        this.workspaceName = workspaceName;
        this.maxPages = maxPages;
        this.perPage = perPage;
        this.deadlineNanos = startedNanos + timeout.toNanos();
    }

    // ---- identity

    public long runId() {
        return run.id();
    }

    public Credential credential() {
        return credential;
    }

    public String instanceName() {
        return credential.instance().name();
    }

    public long workspaceId() {
        return workspaceId;
    }

    public String workspaceName() {
        return workspaceName;
    }

    /** Correlation key of this workspace's batches. */
    public String key() {
        return runId() + "/" + instanceName() + "/" + workspaceId;
    }

    /** "[Maverick] Jason Binyon", as in the seed's log lines. */
    public String label() {
        return "[" + instanceName() + "] " + workspaceName;
    }

    // ---- paging

    /** Whether another page must be read; false at the end, or when max pages / the timeout stop the read. */
    public boolean hasNextPage() {
        if (endReached || status != null) {
            return false;
        }
        if (pagesFetched >= maxPages) {
            status = WorkspaceStatus.TRUNCATED;
            errorMessage = "stopped at bison.sync.max-pages=" + maxPages + " before the last page";
            return false;
        }
        if (run.stopRequested()) {
            // graceful shutdown: no new page; what was read is written, nothing is deleted
            status = WorkspaceStatus.INCOMPLETE;
            errorMessage = "stopped after " + pagesFetched + " pages: " + run.stopReason();
            return false;
        }
        if (deadlinePassed()) {
            status = WorkspaceStatus.TIMED_OUT;
            errorMessage = "stopped at bison.sync.workspace-timeout after " + pagesFetched + " pages";
            return false;
        }
        return true;
    }

    public boolean deadlinePassed() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    public BisonRequest pageRequest() {
        return BisonRequest.get(credential.instance().baseUrl() + "/api/sender-emails", "page=" + nextPage + "&per_page=" + perPage,
                pageLabel());
    }

    /** Super-admin keys only: makes this workspace the key's current one. */
    public BisonRequest switchRequest() {
        return new BisonRequest("POST", credential.instance().baseUrl() + "/api/workspaces/v1.1/switch-workspace", null,
                "{\"team_id\":" + workspaceId + "}", "switch to " + label());
    }

    public String pageLabel() {
        return "page " + nextPage + " of " + label();
    }

    /** Takes a parsed page, advances the cursor and returns the rows of records not seen before. */
    public List<AccountRow> accept(SenderEmailPage page, AccountRows rows) {
        pagesFetched++;
        if (page.total() != null) {
            totalChanged |= apiTotal != null && !apiTotal.equals(page.total());
            apiTotal = page.total();
        }
        List<AccountRow> out = new ArrayList<>(page.records().size());
        for (JsonNode record : page.records()) {
            AccountRow row = rows.toRow(record);
            if (row == null) {
                rejected++;
            } else if (!seenIds.add(row.bisonId())) {
                duplicates++;
            } else {
                out.add(row);
            }
        }
        endReached = page.isLast();
        nextPage++;
        return out;
    }

    /** After the loop: decides complete / incomplete when nothing stopped the read earlier. */
    public void finishRead() {
        if (status != null) {
            return;
        }
        if (totalChanged) {
            // offset pagination skips or repeats a record when the list changes between pages
            status = WorkspaceStatus.INCOMPLETE;
            errorMessage = "meta.total changed while paging (records added or removed); read " + seenIds.size()
                    + " distinct accounts, meta.total now " + apiTotal;
        } else if (apiTotal == null || apiTotal != seenIds.size() || rejected > 0) {
            status = WorkspaceStatus.INCOMPLETE;
            errorMessage = "read " + seenIds.size() + " distinct accounts but meta.total is " + apiTotal
                    + (rejected > 0 ? " (" + rejected + " records rejected: no id or email)" : "");
        } else {
            status = WorkspaceStatus.COMPLETE;
        }
    }

    // ---- writing

    public void batchWritten() {
        batches.incrementAndGet();
    }

    public void batchFailed(String error) {
        batchFailures.incrementAndGet();
        batchError = error;
    }

    /** Throws when a batch of this workspace could not be written: the workspace must not count as synced. */
    public void verifyBatches() {
        if (batchFailures.get() > 0) {
            throw new IllegalStateException(batchFailures.get() + " batch write(s) of " + label() + " failed: " + batchError);
        }
    }

    /** Complete reads delete the accounts they did not see; nothing else may delete. */
    public boolean deletesAllowed() {
        return status == WorkspaceStatus.COMPLETE;
    }

    public Long[] seenIds() {
        return seenIds.toArray(Long[]::new);
    }

    public void deletesApplied(int deletedRows, int heldRows) {
        this.deleted = deletedRows;
        this.held = heldRows;
        if (heldRows > 0) {
            status = WorkspaceStatus.HELD;
            errorMessage = heldRows + " accounts disappeared (over bison.sync.mass-drop-threshold); deletions held";
        }
    }

    public void writeCounts(int insertedRows, int updatedRows) {
        this.inserted = insertedRows;
        this.updated = updatedRows;
    }

    public void retried() {
        retries.incrementAndGet();
    }

    public void failed(Throwable error) {
        status = WorkspaceStatus.FAILED;
        errorClass = Errors.className(error);
        errorMessage = Errors.message(error);
    }

    public void finished() {
        durationMs = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        accountsRead = Math.max(accountsRead, seenIds.size());
        seenIds = Set.of(); // the run keeps every finished workspace for its report: not its ids
    }

    // ---- results

    public WorkspaceStatus status() {
        return status;
    }

    public int pagesFetched() {
        return pagesFetched;
    }

    public int accountsRead() {
        return Math.max(accountsRead, seenIds.size());
    }

    public Integer apiTotal() {
        return apiTotal;
    }

    public int inserted() {
        return inserted;
    }

    public int updated() {
        return updated;
    }

    public int deleted() {
        return deleted;
    }

    public int held() {
        return held;
    }

    public int rejected() {
        return rejected;
    }

    public int retries() {
        return retries.get();
    }

    public int batches() {
        return batches.get();
    }

    public long durationMs() {
        return durationMs;
    }

    public String errorMessage() {
        return errorMessage;
    }

    /** Named parameters of sql/record-workspace.sql. */
    public Map<String, Object> resultRow() {
        Map<String, Object> m = new HashMap<>();
        m.put("runId", runId());
        m.put("instance", instanceName());
        m.put("workspaceId", workspaceId);
        m.put("workspaceName", workspaceName);
        m.put("status", status.dbValue());
        m.put("successful", status.successful());
        m.put("pages", pagesFetched);
        m.put("accountsRead", accountsRead());
        m.put("apiTotal", apiTotal);
        m.put("unchanged", Math.max(0, accountsRead() - inserted - updated));
        m.put("inserted", inserted);
        m.put("updated", updated);
        m.put("deleted", deleted);
        m.put("held", held);
        m.put("rejected", rejected);
        m.put("batches", batches.get());
        m.put("retries", retries.get());
        m.put("durationMs", durationMs);
        m.put("errorClass", errorClass);
        m.put("errorMessage", errorMessage);
        return m;
    }

    /** The per-workspace progress line, in the spirit of the seed's "Fetched 433 accounts across 29 pages". */
    public String progressLine() {
        String line = label() + ": " + status.dbValue() + ", fetched " + accountsRead() + " accounts across " + pagesFetched
                + " pages (meta.total " + apiTotal + "; +" + inserted + " ~" + updated + " -" + deleted
                + (held > 0 ? " held " + held : "") + (rejected > 0 ? ", " + rejected + " rejected" : "")
                + (duplicates > 0 ? ", " + duplicates + " duplicate ids" : "") + ", " + batches.get() + " batches, " + retries.get() + " retries, "
                + durationMs + " ms)";
        return errorMessage == null ? line : line + ": " + errorMessage;
    }
}
