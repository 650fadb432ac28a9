package io.bisonsync.workspace;

/** Where a super-admin read proves its key still points at the workspace (see {@link WorkspaceRun#keyCheckpoint}). */
public enum KeyCheckpoint {
    /** Every bison.sync.switch-check-pages pages, while more pages follow. */
    PAGE,
    /** After the last page, before the read's verdict. */
    END_OF_READ,
    /** After the deletion proof's lookups, when some answered 403. */
    AFTER_LOOKUPS
}
