package io.bisonsync.workspace;

import io.bisonsync.deletion.DeletionPolicy;
import io.bisonsync.deletion.DeletionProof;

/**
 * The one place that decides a workspace's status from what its read and its deletion proof found. Pure: no
 * Camel, no database; the routes call it through {@link WorkspaceRun} at two named steps (end of the read, end of
 * the deletions). The status table of docs/architecture.md mirrors {@link #ofRead} and {@link #ofDeletions} line by line.
 */
public final class WorkspaceVerdict {

    /** A status and, when the workspace is not simply complete, the reason an operator reads. */
    public record Verdict(WorkspaceStatus status, String reason) {

        /** Whether the read may go on to prove and delete the accounts it did not see. */
        public boolean readComplete() {
            return status == WorkspaceStatus.COMPLETE;
        }
    }

    /**
     * What one workspace's paging saw.
     *
     * @param stop          why paging stopped early, or null when the API's end rule ended it
     * @param stopDetail    the run's stop reason for {@link ReadStop#RUN_STOPPED}
     * @param apiTotal      the last meta.total, or null when no page carried one
     * @param totalChanged  meta.total differed between two pages
     * @param distinctIds   distinct account ids read
     * @param rejected      records without id or email
     * @param duplicates    records whose id had been read on an earlier page
     * @param keySwitch     a super-admin read only: why the key was not proven to point at the workspace (an account
     *                      of the read's first page answered 403, or every one of them 404), else null
     */
    public record ReadFacts(ReadStop stop, String stopDetail, int pagesFetched, int maxPages, Integer apiTotal,
                            boolean totalChanged, int distinctIds, int rejected, int duplicates, String keySwitch) {

        /** Facts of a read whose key was not switched away (or that no switch check concerns: an api-user key). */
        public ReadFacts(ReadStop stop, String stopDetail, int pagesFetched, int maxPages, Integer apiTotal,
                         boolean totalChanged, int distinctIds, int rejected, int duplicates) {
            this(stop, stopDetail, pagesFetched, maxPages, apiTotal, totalChanged, distinctIds, rejected, duplicates, null);
        }

        ReadFacts withKeySwitch(String detail) {
            return new ReadFacts(stop, stopDetail, pagesFetched, maxPages, apiTotal, totalChanged, distinctIds, rejected, duplicates, detail);
        }
    }

    /**
     * What proving the unseen accounts gone found (see {@link DeletionPolicy} and {@link DeletionProof}).
     *
     * @param held       accounts marked pending_deletion instead of deleted (mass drop, or too many to verify)
     * @param heldReason why they were held
     * @param unverified accounts whose lookup gave no proof either way (error after retries): kept
     * @param recovered  accounts the list skipped but the lookup found (a shifted read): stored
     * @param keySwitch  a super-admin key found switched away after the lookups (see {@link ReadFacts}), or null
     */
    public record DeletionFacts(int held, String heldReason, int unverified, int recovered, String keySwitch) {

        public DeletionFacts(int held, String heldReason, int unverified, int recovered) {
            this(held, heldReason, unverified, recovered, null);
        }
    }

    private WorkspaceVerdict() {
    }

    private static Verdict switched(String detail) {
        return new Verdict(WorkspaceStatus.INCOMPLETE, "the super-admin key was switched away from this workspace during the read ("
                + detail + "); nothing of the read applied, nothing deleted");
    }

    /** The status right after paging: complete only when the read provably saw the whole list. */
    public static Verdict ofRead(ReadFacts f) {
        if (f.keySwitch() != null) {
            // the pages may be another workspace's records: nothing of the read is applied, nothing deleted
            return switched(f.keySwitch());
        }
        if (f.stop() == ReadStop.MAX_PAGES) {
            return new Verdict(WorkspaceStatus.TRUNCATED, "stopped at bison.sync.max-pages=" + f.maxPages() + " before the last page");
        }
        if (f.stop() == ReadStop.TIMEOUT) {
            return new Verdict(WorkspaceStatus.TIMED_OUT, "stopped at bison.sync.workspace-timeout after " + f.pagesFetched() + " pages");
        }
        if (f.stop() == ReadStop.RUN_STOPPED) {
            return new Verdict(WorkspaceStatus.INCOMPLETE, "stopped after " + f.pagesFetched() + " pages: " + f.stopDetail());
        }
        if (f.totalChanged()) {
            // offset pagination skips or repeats a record when the list changes between pages
            return new Verdict(WorkspaceStatus.INCOMPLETE, "meta.total changed while paging (records added or removed); read "
                    + f.distinctIds() + " distinct accounts, meta.total now " + f.apiTotal());
        }
        if (f.apiTotal() == null) {
            return new Verdict(WorkspaceStatus.INCOMPLETE, "read " + f.distinctIds() + " distinct accounts but no page carried meta.total");
        }
        if (f.rejected() > 0) {
            return new Verdict(WorkspaceStatus.INCOMPLETE, "read " + f.distinctIds() + " distinct accounts, meta.total " + f.apiTotal()
                    + " (" + f.rejected() + " records rejected: no id or email)");
        }
        if (f.apiTotal() != f.distinctIds()) {
            return new Verdict(WorkspaceStatus.INCOMPLETE, "read " + f.distinctIds() + " distinct accounts but meta.total is " + f.apiTotal()
                    + (f.duplicates() > 0 ? " (" + f.duplicates() + " records served twice)" : ""));
        }
        return new Verdict(WorkspaceStatus.COMPLETE, null);
    }

    /** The final status of a complete read, once every unseen account was proven gone, found, moved or held. */
    public static Verdict ofDeletions(DeletionFacts f) {
        if (f.keySwitch() != null) {
            return switched(f.keySwitch());
        }
        if (f.held() > 0) {
            return new Verdict(WorkspaceStatus.HELD, f.held() + " accounts disappeared (" + f.heldReason() + "); deletions held");
        }
        if (f.unverified() > 0) {
            return new Verdict(WorkspaceStatus.INCOMPLETE, f.unverified()
                    + " accounts the list did not show could not be proven gone (lookup failed); kept");
        }
        return new Verdict(WorkspaceStatus.COMPLETE, f.recovered() > 0
                ? "the list shifted while paging: " + f.recovered() + " accounts it skipped were found by lookup and stored"
                : null);
    }
}
