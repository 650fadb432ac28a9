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

    public static String message(Throwable error) {
        Throwable root = rootCause(error);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return m.length() > MAX ? m.substring(0, MAX) + "..." : m;
    }
}
