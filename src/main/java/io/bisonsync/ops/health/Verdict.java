package io.bisonsync.ops.health;

import java.util.Map;

/** What a check concluded: UP or DOWN, the one-line reason an operator reads, and the figures behind it. */
public record Verdict(boolean up, String message, Map<String, Object> details) {

    public static Verdict up(String message, Map<String, Object> details) {
        return new Verdict(true, message, details);
    }

    public static Verdict down(String message, Map<String, Object> details) {
        return new Verdict(false, message, details);
    }
}
