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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The read of one workspace in one run: the page cursor, the ids seen, the deletion proof, and the counts that end
 * up in email_sync_workspace_results. Its status is decided by {@link WorkspaceVerdict} at named steps of the
 * routes (end of read, end of deletions, dead letter, not started); the loop predicate {@link #hasNextPage()} only
 * asks. One instance per workspace per run; pages are read by one thread at a time, batch writes report back from
 * the aggregator.
 */
public final class WorkspaceRun {

    private final SyncRun run;
    private final Credential credential;
    private final long workspaceId;
    private final String workspaceName;
    private final int maxPages;
    private final int perPage;
    private final long timeoutNanos;

    // the workspace's own clock: starts when its read starts, not when the lane planned it
    private volatile long startedNanos;
    private final AtomicLong waitedNanos = new AtomicLong();

    private int nextPage = 1;
    private boolean endReached;
    private ReadStop stop;
    private Integer apiTotal;
    private boolean totalChanged;
    private int pagesFetched;
    private int rejected;
    private int duplicates;
    private final Set<Long> seenIds = new HashSet<>();
    private DeletionProof proof;
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
        this.timeoutNanos = timeout.toNanos();
    }

    // ---- identity

    SyncRun run() {
        return run;
    }

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

    // ---- the workspace's clock

    /** The read starts now (its switch or first page): bison.sync.workspace-timeout counts from here. */
    public void begin() {
        startedNanos = System.nanoTime();
    }

    /** Time spent waiting for the instance's request budget or a Retry-After, which the timeout does not count. */
    public void waited(long nanos) {
        waitedNanos.addAndGet(Math.max(0, nanos));
    }

    /** Whether the read has used up bison.sync.workspace-timeout; never before it began. */
    public boolean deadlinePassed() {
        long started = startedNanos;
        return started != 0 && System.nanoTime() - started - waitedNanos.get() > timeoutNanos;
    }

    // ---- paging

    /** Whether another page is to be read: the end was not reached and nothing stopped the read. Only asks. */
    public boolean hasNextPage() {
        return !endReached && stop == null;
    }

    /** After each page: stops the read at bison.sync.max-pages, at the workspace timeout, or when the run stops. */
    public void checkLimits() {
        if (endReached) {
            return;
        }
        if (pagesFetched >= maxPages) {
            stop = ReadStop.MAX_PAGES;
        } else if (run.stopRequested()) {
            // graceful shutdown, lost database or run timeout: no new page; what was read is written, nothing deleted
            stop = ReadStop.RUN_STOPPED;
        } else if (deadlinePassed()) {
            stop = ReadStop.TIMEOUT;
        }
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

    /** The lookup that proves an unseen account gone (404), moved (403) or still here (200). */
    public BisonRequest lookupRequest(long bisonId) {
        return BisonRequest.lookup(credential.instance().baseUrl() + "/api/sender-emails/" + bisonId,
                "lookup of account " + bisonId + " of " + label());
    }

    public String pageLabel() {
        return "page " + nextPage + " of " + label();
    }

    /** Takes a parsed page, advances the cursor and returns the rows of records not seen before. */
    public List<Map<String, Object>> accept(SenderEmailPage page, AccountRows rows) {
        pagesFetched++;
        if (page.total() != null) {
            totalChanged |= apiTotal != null && !apiTotal.equals(page.total());
            apiTotal = page.total();
        }
        List<Map<String, Object>> out = new ArrayList<>(page.records().size());
        for (JsonNode record : page.records()) {
            Map<String, Object> row = rows.toRow(record, this);
            if (row == null) {
                rejected++;
            } else if (!seenIds.add((Long) row.get("bisonId"))) {
                duplicates++;
            } else {
                out.add(row);
            }
        }
        endReached = page.isLast();
        nextPage++;
        return out;
    }

    /** After the loop: the read's verdict (complete, truncated, timed out or incomplete). */
    public void finishRead() {
        WorkspaceVerdict.Verdict verdict = WorkspaceVerdict.ofRead(new WorkspaceVerdict.ReadFacts(stop, run.stopReason(),
                pagesFetched, maxPages, apiTotal, totalChanged, seenIds.size(), rejected, duplicates));
        status = verdict.status();
        errorMessage = verdict.reason();
    }

    /** Only a complete read goes on to prove its unseen accounts gone; nothing else may delete. */
    public boolean readComplete() {
        return status == WorkspaceStatus.COMPLETE && proof == null;
    }

    public Long[] seenIds() {
        return seenIds.toArray(Long[]::new);
    }

    // ---- deletions

    public void deletionPlanned(DeletionProof proof) {
        this.proof = proof;
    }

    public DeletionProof proof() {
        return proof;
    }

    /**
     * The result of apply-workspace.sql (staged rows merged, deletes and holds applied): the counts, and for a
     * complete read the final verdict (complete, held, or incomplete when some unseen accounts stayed unproven).
     */
    public void applied(int insertedRows, int updatedRows, int deletedRows, int heldRows) {
        this.inserted = insertedRows;
        this.updated = updatedRows;
        this.deleted = deletedRows;
        this.held = heldRows;
        if (proof != null && status == WorkspaceStatus.COMPLETE) {
            WorkspaceVerdict.Verdict verdict = WorkspaceVerdict.ofDeletions(new WorkspaceVerdict.DeletionFacts(heldRows,
                    proof.plan().reason(), proof.unverified(), proof.recovered()));
            status = verdict.status();
            errorMessage = verdict.reason();
        }
    }

    /**
     * Named parameters of sql/apply-workspace.sql. Deletes and holds only for a complete read whose proof is done;
     * a failed, stopped or incomplete read merges what it read and deletes nothing.
     */
    public Map<String, Object> applyRow() {
        boolean deletes = proof != null && status == WorkspaceStatus.COMPLETE;
        Map<String, Object> m = new HashMap<>();
        m.put("runId", runId());
        m.put("instance", instanceName());
        m.put("workspaceId", workspaceId);
        m.put("deleteIds", deletes ? proof.deleteIds() : new Long[0]);
        m.put("holdIds", deletes ? proof.holdIds() : new Long[0]);
        return m;
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

    public void retried() {
        retries.incrementAndGet();
    }

    /** Dead letter: an error after retries. */
    public void failed(Throwable error) {
        status = WorkspaceStatus.FAILED;
        errorClass = Errors.className(error);
        errorMessage = Errors.message(error);
    }

    /** The run stopped before this workspace's read started. */
    public void notRead(String reason) {
        status = WorkspaceStatus.NOT_READ;
        errorMessage = "not read: " + reason;
    }

    public void finished() {
        long started = startedNanos;
        durationMs = started == 0 ? 0 : Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    // ---- results

    public WorkspaceStatus status() {
        return status;
    }

    public int pagesFetched() {
        return pagesFetched;
    }

    public int accountsRead() {
        return seenIds.size();
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

    public int recovered() {
        return proof == null ? 0 : proof.recovered();
    }

    public int moved() {
        return proof == null ? 0 : proof.moved();
    }

    public int unverified() {
        return proof == null ? 0 : proof.unverified();
    }

    public int verifications() {
        return proof == null ? 0 : proof.verifications();
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
        m.put("accountsRead", seenIds.size());
        m.put("apiTotal", apiTotal);
        m.put("unchanged", Math.max(0, seenIds.size() - inserted - updated));
        m.put("inserted", inserted);
        m.put("updated", updated);
        m.put("deleted", deleted);
        m.put("held", held);
        m.put("rejected", rejected);
        m.put("recovered", recovered());
        m.put("moved", moved());
        m.put("unverified", unverified());
        m.put("verifications", verifications());
        m.put("batches", batches.get());
        m.put("retries", retries.get());
        m.put("durationMs", durationMs);
        m.put("errorClass", errorClass);
        m.put("errorMessage", errorMessage);
        return m;
    }

    /** The per-workspace progress line, in the spirit of the seed's "Fetched 433 accounts across 29 pages". */
    public String progressLine() {
        String line = label() + ": " + status.dbValue() + ", fetched " + seenIds.size() + " accounts across " + pagesFetched
                + " pages (meta.total " + apiTotal + "; +" + inserted + " ~" + updated + " -" + deleted
                + (held > 0 ? " held " + held : "") + (rejected > 0 ? ", " + rejected + " rejected" : "")
                + (duplicates > 0 ? ", " + duplicates + " duplicate ids" : "")
                + (verifications() > 0 ? ", " + verifications() + " lookups: " + recovered() + " found, " + moved() + " moved, "
                        + unverified() + " unproven" : "")
                + ", " + batches.get() + " batches, " + retries.get() + " retries, " + durationMs + " ms)";
        return errorMessage == null ? line : line + ": " + errorMessage;
    }
}
