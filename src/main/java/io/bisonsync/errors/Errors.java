package io.bisonsync.errors;

import io.bisonsync.api.BisonApiException;
import io.bisonsync.config.Secrets;

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

    /**
     * The root cause's message, as stored in the sync log and served by the ops API and health checks: one line,
     * without hosts, ports or URLs, without the record a database error quotes, at most 500 characters.
     */
    public static String message(Throwable error) {
        Throwable root = rootCause(error);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        if (root instanceof java.sql.SQLException sql) {
            m = sqlMessage(m, sql.getSQLState());
        }
        return redact(m);
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>,;)]+");
    private static final java.util.regex.Pattern HOST_PORT = java.util.regex.Pattern.compile(
            "(?<![\\w.-])(?:\\[[0-9A-Fa-f:.]+]|\\d{1,3}(?:\\.\\d{1,3}){3}|[A-Za-z][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)*):\\d{1,5}\\b");
    private static final java.util.regex.Pattern IP = java.util.regex.Pattern.compile("(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\w.])");

    /**
     * No configured secret ({@link Secrets}), one printable line (CR, LF and other control characters become
     * spaces), no URL, host:port or IP, bounded.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String m = Text.oneLine(Secrets.scrub(text));
        m = URL.matcher(m).replaceAll("<url>");
        m = HOST_PORT.matcher(m).replaceAll("<host>");
        m = IP.matcher(m).replaceAll("<host>");
        m = m.replaceAll("(?i)\\blocalhost\\b", "<host>");
        return m.length() > MAX ? m.substring(0, MAX) + "..." : m;
    }

    /**
     * PostgreSQL's first line and SQLState only: its Detail / Where lines and the value after "type x: " quote the
     * row being written, i.e. a fragment of an API record.
     */
    private static String sqlMessage(String message, String sqlState) {
        String first = message.lines().findFirst().orElse("").strip();
        int colon = first.indexOf(':');
        int second = colon < 0 ? -1 : first.indexOf(':', colon + 1);
        if (second > 0) {
            first = first.substring(0, second);
        }
        return sqlState == null ? first : first + " (SQLState " + sqlState + ")";
    }
}
