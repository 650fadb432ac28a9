package io.bisonsync.run;

import java.util.Locale;

/**
 * How a run ended, decided by {@link SyncRun#status()}; stored lower-case in email_sync_logs.status. The other two
 * values of that column are written by SQL: {@code running} while a run is open, {@code abandoned} for a run whose
 * process died.
 */
public enum RunStatus {
    /** Every workspace complete. */
    SUCCESS,
    /**
     * Anything between: a workspace not complete (held ones included: their drop waits for confirmation), a workspace
     * list that failed, or a run stopped early (shutdown, lost database, run timeout).
     */
    PARTIAL,
    /** No workspace complete, or the run itself broke. */
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether --once exits 0 for it. */
    public boolean successful() {
        return this == SUCCESS;
    }
}
