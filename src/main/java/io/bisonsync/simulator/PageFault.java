package io.bisonsync.simulator;

/** What {@link Faults} decided a read of one page of sender emails should get instead of the plain page. */
sealed interface PageFault {

    /** Never answer. */
    record Hang() implements PageFault {
    }

    /** Answer with an error status (HTML body for 502/503/504). */
    record Status(int status) implements PageFault {
    }

    /** Answer 429 with this Retry-After, as a rate limiter in front of the page would. */
    record TooManyRequests(int retryAfterSeconds) implements PageFault {
    }

    /** Answer the page, but send its body one byte every {@code perByte} (headers at once). */
    record Trickle(java.time.Duration perByte) implements PageFault {
    }

    /** Answer the page padded with white space to {@code bytes} bytes (valid JSON, just huge). */
    record Oversized(int bytes) implements PageFault {
    }

    /** Answer 200 with a broken body. */
    record Malformed(Malformation kind) implements PageFault {
    }
}
