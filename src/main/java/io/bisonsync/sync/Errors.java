package io.bisonsync.sync;

/** Error text for the sync log: the class and message of the most specific cause (Spring wraps SQL errors). */
public final class Errors {

    private static final int MAX = 500;

    private Errors() {
    }

    /** The innermost cause, which names the real problem (a PSQLException rather than "bad SQL grammar []"). */
    public static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof BisonApiException)) {
            t = t.getCause();
        }
        return t;
    }

    public static String className(Throwable error) {
        return rootCause(error).getClass().getSimpleName();
    }

    /** A lost or refused database connection (SQLState class 08, or the pool timing out on one). */
    public static boolean isDatabaseUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    public static String message(Throwable error) {
        Throwable root = rootCause(error);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return m.length() > MAX ? m.substring(0, MAX) + "..." : m;
    }
}
