package io.bisonsync.cli;

/** The exit codes of bison-sync, which cron jobs and scripts rely on (docs/operating.md, "Command line"). */
public enum ExitCode {
    /** --once: the run succeeded; --check: every instance is fine; --help, --version. */
    SUCCESS(0),
    /** --once: the run was partial or failed (also when SIGTERM interrupted it); --check: an instance failed; any other start-up failure. */
    NOT_SUCCESSFUL(1),
    /** Bad configuration or usage: one line names the key, the file or the flag. */
    BAD_CONFIGURATION(2),
    /** The database stayed unreachable for bison.db.startup-wait. */
    DATABASE_UNREACHABLE(3),
    /** A port the process needs is taken. */
    PORT_TAKEN(4),
    /** --once: another run held the run lock for longer than bison.sync.once-lock-wait. */
    RUN_LOCK_BUSY(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process's exit status. */
    public int code() {
        return code;
    }
}
