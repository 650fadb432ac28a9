package io.bisonsync.simulator;

import java.util.Random;

/** Derives independent, reproducible random streams from the one settings seed. */
final class Seeds {

    private Seeds() {
    }

    /** A stream for one purpose (e.g. instance slug + "keys"), unaffected by how other streams are used. */
    static Random random(long seed, Object... purpose) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (Object part : purpose) {
            h = scramble(h * 31 + String.valueOf(part).hashCode());
        }
        return new Random(h);
    }

    // SplitMix64 finaliser: nearby inputs give unrelated outputs
    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
