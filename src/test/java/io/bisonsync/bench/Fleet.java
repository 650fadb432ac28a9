package io.bisonsync.bench;

import io.bisonsync.simulator.FleetSpec;

/**
 * A benchmark fleet: {@code instances} api-user instances ({@code bench-1}, ...) of {@code workspacesPerInstance}
 * workspaces each, {@code accounts} sender emails in all, in mixed sizes of at most 750 (50 pages, the default
 * bison.sync.max-pages).
 */
record Fleet(int instances, int workspacesPerInstance, int accounts) {

    FleetSpec spec() {
        return FleetSpec.benchmark(instances, workspacesPerInstance, accounts);
    }

    /** The simulator's option for the same fleet: {@code --fleet benchmark:2x20x17000}. */
    String option() {
        return "benchmark:" + instances + "x" + workspacesPerInstance + "x" + accounts;
    }

    String describe() {
        return String.format("%d instances x %d workspaces (api-user keys), %,d accounts", instances, workspacesPerInstance,
                accounts);
    }
}
