package io.bisonsync.ops;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, checking often, instead of sleeping a guessed time. */
final class Deadline {

    private Deadline() {
    }

    static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
