package io.bisonsync.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escaping for where a text from outside (a workspace name, an API's error message) goes: C0 and C1 control
 * characters (ESC, BEL, CR, LF, DEL, ...) and the bidi controls that reorder what a terminal or a page shows
 * (U+202E and friends) never reach a log line, a report line or a metric label raw.
 */
public final class Text {

    /** C0, DEL, C1, and the invisible bidi and line/paragraph separators. */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern UNSAFE_RUN = Pattern.compile(UNSAFE.pattern() + "+");

    private Text() {
    }

    /** Each unsafe character as a visible escape ({@code \n}, {@code \u001B}): a name stays recognisable on one line. */
    public static String escaped(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = UNSAFE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        do {
            char c = m.group().charAt(0);
            String escape = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04X", (int) c);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(escape));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** One printable line: each run of unsafe characters becomes one space. */
    public static String oneLine(String text) {
        return text == null ? null : UNSAFE_RUN.matcher(text).replaceAll(" ").strip();
    }

    /** Slack's mrkdwn: {@code &}, {@code <}, {@code >} as entities, so a name cannot mention a channel or link. */
    public static String slack(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
