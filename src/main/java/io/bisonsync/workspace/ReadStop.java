package io.bisonsync.workspace;

/** Why a workspace's read stopped before the API said the list ended. */
public enum ReadStop {
    /** bison.sync.max-pages pages were read. */
    MAX_PAGES,
    /** The workspace's own bison.sync.workspace-timeout passed (time spent waiting for the request budget excluded). */
    TIMEOUT,
    /** The whole run stopped: shutdown, a lost database, or bison.sync.run-timeout. */
    RUN_STOPPED,
    /** A super-admin key's switch check found it pointing at another workspace (another client switched it). */
    KEY_SWITCHED
}
