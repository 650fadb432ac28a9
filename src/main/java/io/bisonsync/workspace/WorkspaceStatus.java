package io.bisonsync.workspace;

import java.util.Locale;

/** How a workspace's read ended; stored lower-case in email_sync_workspace_results.status. */
public enum WorkspaceStatus {
    /** Read to the end and the distinct ids equal meta.total: its missing accounts are deleted. */
    COMPLETE,
    /** Complete, but more than the mass-drop threshold disappeared: deletions held. */
    HELD,
    /** Stopped at bison.sync.max-pages before the end. */
    TRUNCATED,
    /** Stopped at bison.sync.workspace-timeout before the end. */
    TIMED_OUT,
    /**
     * Read to the end, but it cannot be proven complete: ids and meta.total disagree, the total changed, records
     * were rejected, unseen accounts could not be proven gone, or the run stopped mid-read.
     */
    INCOMPLETE,
    /** Failed after retries; see error_class and error_message. */
    FAILED,
    /** Planned, but the run stopped (shutdown, lost database, run timeout) before its read started. */
    NOT_READ;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the read saw every account (complete, or held): the workspace's data is fresh and its read no failure.
     * Only {@link #COMPLETE} counts towards a successful run: a held drop waits for confirmation, so the run is partial.
     */
    public boolean readInFull() {
        return this == COMPLETE || this == HELD;
    }
}
