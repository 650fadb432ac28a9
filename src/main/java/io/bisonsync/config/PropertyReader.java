package io.bisonsync.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to configuration values, with the defaults of {@link SettingKeys}; every failure is a
 * {@link ConfigException} naming the key.
 *
 * @param resolve resolves a key to its value with placeholders ({@code {{env:...}}}) applied
 */
record PropertyReader(Function<String, Optional<String>> resolve) {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KkMm]?[Bb])");

    /** The value, stripped; blank counts as absent, and an absent key with a default gets the default. */
    Optional<String> optional(String key) {
        Optional<String> v = resolve.apply(key).map(String::strip).filter(s -> !s.isEmpty());
        return v.isPresent() ? v : SettingKeys.defaultOf(key);
    }

    String value(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "has no value"));
    }

    String required(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "is required"));
    }

    /** A comma-separated list; an empty entry (a trailing or doubled comma) is an error, not silently dropped. */
    List<String> list(String key) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> items = Arrays.stream(v.get().split(",", -1)).map(String::strip).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new ConfigException(key, "has an empty entry (a trailing or doubled comma?)");
        }
        return items;
    }

    boolean bool(String key) {
        String v = value(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key, "'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** {@code v} as a whole number of at least {@code min}; {@code key} is the key it came from. */
    int parseInt(String key, String v, int min) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min) {
                throw new ConfigException(key, "must be at least " + min + " (was " + n + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + v + "' is not a whole number");
        }
    }

    int positiveInt(String key) {
        return parseInt(key, value(key), 1);
    }

    int nonNegativeInt(String key) {
        return parseInt(key, value(key), 0);
    }

    long longValue(String key) {
        try {
            return Long.parseLong(value(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value(key) + "' is not a whole number");
        }
    }

    double fraction(String key) {
        try {
            double d = Double.parseDouble(value(key));
            if (d < 0 || d > 1) {
                throw new ConfigException(key, "must be between 0 and 1 (was " + d + ")");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value(key) + "' is not a number between 0 and 1");
        }
    }

    Duration duration(String key) {
        return Durations.parse(key, value(key));
    }

    Duration positiveDuration(String key) {
        Duration d = duration(key);
        if (d.isZero()) {
            throw new ConfigException(key, "must be longer than 0 (was '" + value(key) + "')");
        }
        return d;
    }

    /** A size in bytes: a number with B, KB or MB (1 KB = 1024 B). */
    long size(String key) {
        Matcher m = SIZE.matcher(value(key));
        if (!m.matches()) {
            throw new ConfigException(key, "'" + value(key) + "' is not a size; use a number with B, KB or MB (e.g. 8MB)");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value(key) + "' is too large");
        }
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            default -> 1L;
        };
        if (n < 1 || n > Integer.MAX_VALUE / unit) {
            throw new ConfigException(key, "must be from 1 B to 2047 MB (was '" + value(key) + "')");
        }
        return n * unit;
    }

    /** A Quartz cron: 6 or 7 fields. */
    String cron(String key) {
        String v = value(key);
        int fields = v.trim().split("\\s+").length;
        if (fields < 6 || fields > 7) {
            throw new ConfigException(key, "'" + v + "' is not a Quartz cron (6 or 7 fields: sec min hour day month weekday [year])");
        }
        return v;
    }
}
