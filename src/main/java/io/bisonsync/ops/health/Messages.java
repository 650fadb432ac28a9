package io.bisonsync.ops.health;

/** Keeps error texts quoted in health messages and alerts to one readable line. */
final class Messages {

    private Messages() {
    }

    static String shorten(String text, int max) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > max ? line.substring(0, max) + "..." : line;
    }

    static String percent(double fraction) {
        return String.format("%.1f%%", fraction * 100);
    }
}
