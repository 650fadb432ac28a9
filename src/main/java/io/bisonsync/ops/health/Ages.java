package io.bisonsync.ops.health;

import java.time.Duration;

/** Durations as an operator reads them in a health message: 42 s, 75 min, 5.5 h, 3.0 d. */
final class Ages {

    private Ages() {
    }

    static String text(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 120 * 60) {
            return s / 60 + " min";
        }
        if (s < 48 * 3600) {
            return String.format("%.1f h", s / 3600.0);
        }
        return String.format("%.1f d", s / 86400.0);
    }
}
