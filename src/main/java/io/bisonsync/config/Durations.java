package io.bisonsync.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration durations such as {@code 100ms}, {@code 45s}, {@code 30m}, {@code 2h}, {@code 30d}. The
 * number and its unit are written together: some of these keys are handed to Camel as they are (a timer's
 * period), and Camel rejects {@code 30 s}, so what this accepts is exactly what Camel accepts.
 */
public final class Durations {

    /** Longest accepted duration: ten years. */
    static final Duration MAX = Duration.ofDays(3650);

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String key, String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new ConfigException(key, "'" + text + "' is not a duration; use a number directly followed by ms, s, m, h or d (e.g. 45s)");
        }
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            d = null;
        }
        if (d == null || d.compareTo(MAX) > 0) {
            // also keeps every later toMillis()/toNanos() of a configured duration from overflowing
            throw new ConfigException(key, "'" + text + "' is too long; at most " + MAX.toDays() + "d");
        }
        return d;
    }
}
