package io.bisonsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** A sliding 60-second window of admitted requests for one instance; rejected requests take no slot. */
final class RateWindow {

    static final Duration WINDOW = Duration.ofSeconds(60);

    private final Deque<Instant> admitted = new ArrayDeque<>();

    synchronized Decision admit(Instant now, int limit) {
        while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(now.minus(WINDOW))) {
            admitted.removeFirst();
        }
        if (admitted.size() >= limit) {
            long millis = Duration.between(now, admitted.peekFirst().plus(WINDOW)).toMillis();
            return new Decision(false, limit, 0, Math.max(1, (millis + 999) / 1000));
        }
        admitted.addLast(now);
        return new Decision(true, limit, limit - admitted.size(), 0);
    }

    /** The verdict for one request; {@code limit == 0} means no limit is set. */
    record Decision(boolean admitted, int limit, int remaining, long retryAfterSeconds) {
        static final Decision UNLIMITED = new Decision(true, 0, 0, 0);
    }
}
