package io.bisonsync.workspace;

import io.bisonsync.api.BisonRequest;
import io.bisonsync.api.Credential;
import io.bisonsync.api.RecordLookup;
import io.bisonsync.api.SenderEmailPage;
import io.bisonsync.deletion.DeletionProof;
import io.bisonsync.errors.Errors;
import io.bisonsync.run.SyncRun;
import io.bisonsync.write.AccountBatches;
import io.bisonsync.write.AccountRow;
import io.bisonsync.write.AccountRows;
import io.bisonsync.write.WorkspaceRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The read of one workspace in one run: who reads it, its own clock, its {@link PageCursor}, the deletion proof, and
 * the counts that end up in email_sync_workspace_results ({@link WorkspaceRows} builds the rows). Its status is
 * decided by {@link WorkspaceVerdict} at named steps of the routes (read-verdict, deletion-verdict, the dead letter,
 * not started); the loop predicate {@link #hasNextPage()} only asks.
 *
 * <p>Threads: one lane's thread does everything to a workspace (pages, its open batch and the batches the page's
 * own step writes, retries counted by the error handler of the same exchange), so the fields are plain; the monitoring
 * page reads them from another thread as a progress snapshot. The clock's fields are volatile: the deadline is
 * also asked by the error handler and shown by the monitoring page.
 */
public final class WorkspaceRun {

    private final SyncRun run;
    private final Credential credential;
    private final long workspaceId;
    private final String workspaceName;
    private final int maxPages;
    private final int perPage;
    private final long timeoutNanos;
    private final int switchCheckPages;

    // the workspace's own clock: starts when its read starts, not when the lane planned it
    private volatile long startedNanos;
    private volatile long waitedNanos;

    private final PageCursor cursor = new PageCursor();
    private final List<AccountRow> openBatch = new ArrayList<>();
    // super-admin keys: accounts served on the read's first page, looked up to prove the key still points here
    private final List<Long> anchors = new ArrayList<>();
    private boolean keyCheckOpen;
    private int keyChecks;
    private String keySwitch;
    private DeletionProof proof;
    private WorkspaceStatus status;
    private String errorClass;
    private String errorMessage;
    private int retries;
    private int batches;
    private int batchFailures;
    private String batchError;
    private int inserted;
    private int updated;
    private int deleted;
    private int held;
    private long durationMs;

    /** A read without mid-read switch checks (one still ends a super-admin read): for tests and the bench. */
    public WorkspaceRun(SyncRun run, Credential credential, long workspaceId, String workspaceName, int maxPages, int perPage,
                        Duration timeout) {
        this(run, credential, workspaceId, workspaceName, maxPages, perPage, timeout, Integer.MAX_VALUE);
    }

    public WorkspaceRun(SyncRun run, Credential credential, long workspaceId, String workspaceName, int maxPages, int perPage,
                        Duration timeout, int switchCheckPages) {
        this.switchCheckPages = switchCheckPages;
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
    public synchronized void waited(long nanos) {
        waitedNanos += Math.max(0, nanos);
    }

    /** Whether the read has used up bison.sync.workspace-timeout; never before it began. */
    public boolean deadlinePassed() {
        long started = startedNanos;
        return started != 0 && System.nanoTime() - started - waitedNanos > timeoutNanos;
    }

    // ---- paging

    /** Whether another page is to be read: the end was not reached and nothing stopped the read. Only asks. */
    public boolean hasNextPage() {
        return cursor.hasNextPage();
    }

    /** After each page: stops the read at bison.sync.max-pages, at the workspace timeout, or when the run stops. */
    public void checkLimits() {
        if (cursor.endReached()) {
            return;
        }
        if (cursor.pagesFetched() >= maxPages) {
            cursor.stop(ReadStop.MAX_PAGES);
        } else if (run.stopRequested()) {
            // graceful shutdown, lost database or run timeout: no new page; what was read is written, nothing deleted
            run.cutShort();
            cursor.stop(ReadStop.RUN_STOPPED);
        } else if (deadlinePassed()) {
            cursor.stop(ReadStop.TIMEOUT);
        }
    }

    public BisonRequest pageRequest() {
        return BisonRequest.senderEmails(credential, cursor.nextPage(), perPage, pageLabel());
    }

    /** Super-admin keys only: makes this workspace the key's current one. */
    public BisonRequest switchRequest() {
        return BisonRequest.switchWorkspace(credential, workspaceId, "switch to " + label());
    }

    /** The lookup that proves an unseen account gone (404), moved (403) or still here (200). */
    public BisonRequest lookupRequest(long bisonId) {
        return BisonRequest.senderEmail(credential, bisonId, "lookup of account " + bisonId + " of " + label());
    }

    public String pageLabel() {
        return "page " + cursor.nextPage() + " of " + label();
    }

    /** Takes a parsed page, advances the cursor and returns the rows of records not seen before. */
    public List<AccountRow> accept(SenderEmailPage page, AccountRows rows) {
        List<AccountRow> fresh = cursor.accept(page, rows);
        if (credential.superAdmin() && cursor.pagesFetched() == 1) {
            fresh.stream().limit(KEY_ANCHORS).forEach(r -> anchors.add(r.bisonId()));
        }
        return fresh;
    }

    // ---- switch checks (super-admin keys: another client may switch the key's current workspace at any time)

    /** Accounts of the first page kept to prove the key; a second and third stand in when the first is removed (404). */
    private static final int KEY_ANCHORS = 3;

    /**
     * Opens a switch check when one is due: every bison.sync.switch-check-pages pages while more pages follow
     * ({@link KeyCheckpoint#PAGE}), at the end of the read, and after lookups that answered 403 (a switch during the
     * lookups makes present accounts look moved). Only asks and sets the flag {@code prove-key} loops on.
     */
    public void keyCheckpoint(KeyCheckpoint at) {
        if (!credential.superAdmin() || keySwitch != null || anchors.isEmpty()) {
            return;
        }
        keyCheckOpen = switch (at) {
            case PAGE -> cursor.hasNextPage() && cursor.pagesFetched() % switchCheckPages == 0;
            case END_OF_READ -> !run.stopRequested(); // a stopping run sends no new request: its read is incomplete anyway
            case AFTER_LOOKUPS -> proof != null && proof.elsewhere() > 0;
        };
    }

    /** The accounts still kept to prove a super-admin key points here (none for api-user keys or an empty read). */
    public List<Long> keyAnchors() {
        return List.copyOf(anchors);
    }

    /** Whether a switch check is waiting for its answer ({@code prove-key}'s loop predicate). */
    public boolean keyCheckOpen() {
        return keyCheckOpen;
    }

    /** The lookup of the current anchor account. */
    public BisonRequest keyCheckRequest() {
        return BisonRequest.senderEmail(credential, anchors.get(0), "switch check (account " + anchors.get(0) + ") of " + label());
    }

    /**
     * The anchor's answer: 200 = the key still points here; 403 = it was switched away (the read stops, nothing of it
     * is applied); 404 = the anchor was removed, the next one is asked, and with none left the key is unproven.
     */
    public void keyChecked(RecordLookup answer) {
        keyChecks++;
        long anchor = anchors.get(0);
        switch (answer.outcome()) {
            case FOUND -> keyCheckOpen = false;
            case ELSEWHERE -> keySwitched("account " + anchor + " of its first page answered 403 after page " + cursor.pagesFetched());
            case GONE -> {
                anchors.remove(0);
                if (anchors.isEmpty()) {
                    keySwitched("the accounts of its first page kept for the check were all removed (404), so the key could not be proven");
                }
            }
        }
    }

    private void keySwitched(String detail) {
        keySwitch = detail;
        keyCheckOpen = false;
        cursor.stop(ReadStop.KEY_SWITCHED);
    }

    /** Whether a switch check found the key elsewhere (or could not prove it): the staged rows are discarded. */
    public boolean keySwitched() {
        return keySwitch != null;
    }

    /** Switch-check lookups sent. */
    public int keyChecks() {
        return keyChecks;
    }

    /** After the loop: the read's verdict (complete, truncated, timed out or incomplete). */
    public void finishRead() {
        WorkspaceVerdict.Verdict verdict = WorkspaceVerdict.ofRead(cursor.readFacts(run.stopReason(), maxPages).withKeySwitch(keySwitch));
        status = verdict.status();
        errorMessage = verdict.reason();
    }

    /** Only a complete read goes on to prove its unseen accounts gone; nothing else may delete. */
    public boolean readComplete() {
        return status == WorkspaceStatus.COMPLETE && proof == null;
    }

    public Long[] seenIds() {
        return cursor.seenIds();
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
                    proof.heldReason(), proof.unverified(), proof.recovered(), keySwitch));
            status = verdict.status();
            errorMessage = verdict.reason();
        }
    }

    // ---- writing

    /** The rows read but not yet in a batch ({@link AccountBatches}). */
    public List<AccountRow> openBatch() {
        return openBatch;
    }

    public void batchWritten() {
        batches++;
    }

    public void batchFailed(String error) {
        batchFailures++;
        batchError = error;
    }

    /** Throws when a batch of this workspace could not be written: the workspace must not count as synced. */
    public void verifyBatches() {
        if (batchFailures > 0) {
            throw new IllegalStateException(batchFailures + " batch write(s) of " + label() + " failed: " + batchError);
        }
    }

    public void retried() {
        retries++;
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
        cursor.release();
    }

    // ---- results

    public WorkspaceStatus status() {
        return status;
    }

    public int pagesFetched() {
        return cursor.pagesFetched();
    }

    public int accountsRead() {
        return cursor.accountsRead();
    }

    public Integer apiTotal() {
        return cursor.apiTotal();
    }

    public int rejected() {
        return cursor.rejected();
    }

    public int duplicates() {
        return cursor.duplicates();
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
        return retries;
    }

    public int batches() {
        return batches;
    }

    public long durationMs() {
        return durationMs;
    }

    public String errorClass() {
        return errorClass;
    }

    public String errorMessage() {
        return errorMessage;
    }
}
