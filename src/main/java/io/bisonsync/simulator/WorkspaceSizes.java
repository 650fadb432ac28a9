package io.bisonsync.simulator;

import java.util.Arrays;
import java.util.Random;

/** Splits a total into uneven workspace sizes, like a real agency's mix of large and small clients. */
final class WorkspaceSizes {

    private WorkspaceSizes() {
    }

    static int[] spread(int count, int total, int preferredCap, Random random) {
        int cap = Math.max(preferredCap, (total + count - 1) / count);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            double r = random.nextDouble();
            weights[i] = 0.05 + 2 * r * r;   // squared: many small workspaces, a few big ones
        }
        int[] sizes = new int[count];
        double weightSum = Arrays.stream(weights).sum();
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(cap, (int) Math.floor(total * weights[i] / weightSum));
        }
        // hand out what flooring and capping left, one account at a time, round-robin below the cap
        int left = total - Arrays.stream(sizes).sum();
        for (int i = 0; left > 0; i = (i + 1) % count) {
            if (sizes[i] < cap) {
                sizes[i]++;
                left--;
            }
        }
        return sizes;
    }
}
