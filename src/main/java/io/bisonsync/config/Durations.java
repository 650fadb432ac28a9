package io.bisonsync.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration durations the way Camel reads them ({@code org.apache.camel.util.TimeUtils.toMilliSeconds},
 * which a timer's period and every other Camel duration option go through): parts of a number directly followed by
 * a unit, in the order d, h, m, s, ms, each at most once: {@code 100ms}, {@code 45s}, {@code 1m30s}, {@code 2h},
 * {@code 30d}. Some of these keys are handed to Camel as they are, so what this accepts Camel reads as the same
 * length, and what Camel refuses ({@code 30 s}, {@code 1.5s}) or misreads as something else ({@code abc},
 * {@code -5s}, {@code PT30S} and {@code 30S} are all 0 to Camel) this refuses naming the key. A bare number, which
 * Camel takes as milliseconds, is refused too: {@code 45} meant as seconds would be a 45 ms timeout.
 */
public final class Durations {

    /** Longest accepted duration: ten years. */
    static final Duration MAX = Duration.ofDays(3650);

    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {
    }

    public static Duration parse(String key, String text) {
        String t = text.strip();
        Matcher m = FORMAT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            String bare = t.matches("\\d+") ? "; a bare number would be read by Camel as milliseconds" : "";
            throw new ConfigException(key, "'" + text + "' is not a duration; use a number directly followed by ms, s, m, h or d"
                    + " (e.g. 45s)" + bare);
        }
        long millis = 0;
        try {
            for (int part = 0; part < UNIT_MILLIS.length; part++) {
                if (m.group(part + 1) != null) {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(part + 1)), UNIT_MILLIS[part]));
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            millis = -1;
        }
        if (millis < 0 || millis > MAX.toMillis()) {
            // also keeps every later toMillis()/toNanos() of a configured duration from overflowing
            throw new ConfigException(key, "'" + text + "' is too long; at most " + MAX.toDays() + "d");
        }
        return Duration.ofMillis(millis);
    }
}
