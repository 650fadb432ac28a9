package io.bisonsync.bench;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark fleet: {@code instances} api-user instances ({@code bench-1}, ...) of {@code workspacesPerInstance}
 * workspaces each, {@code accounts} sender emails in all, in mixed sizes of at most 750 (50 pages, the default
 * bison.sync.max-pages); plus, when {@code superAdminWorkspaces > 0}, a super-admin instance {@code bench-agency}
 * ("Bench Agency": one key, its workspaces read one after another) of that many workspaces holding
 * {@code superAdminAccounts} accounts, and a mixed-credential instance {@code bench-mixed} ("Bench Mixed": api-user
 * keys for every other of its {@value #MIXED_WORKSPACES} workspaces, read in parallel, the super-admin key for the
 * rest) holding half as many.
 */
record Fleet(int instances, int workspacesPerInstance, int accounts, int superAdminWorkspaces, int superAdminAccounts) {

    static final String AGENCY = "bench-agency";
    static final String MIXED = "bench-mixed";
    static final int MIXED_WORKSPACES = 6;

    Fleet(int instances, int workspacesPerInstance, int accounts) {
        this(instances, workspacesPerInstance, accounts, 0, 0);
    }

    FleetSpec spec() {
        FleetSpec apiUsers = FleetSpec.benchmark(instances, workspacesPerInstance, accounts);
        if (superAdminWorkspaces == 0) {
            return apiUsers;
        }
        FleetSpec agency = FleetSpec.benchmark(1, superAdminWorkspaces, superAdminAccounts);
        List<FleetSpec.InstanceSpec> all = new ArrayList<>(apiUsers.instances());
        all.add(new FleetSpec.InstanceSpec(AGENCY, "Bench Agency", KeyMode.SUPER_ADMIN, agency.instances().get(0).workspaces()
                .stream().map(w -> FleetSpec.WorkspaceSpec.of(w.name().replace("Bench Client 1-", "Agency Client "), w.accounts()))
                .toList()));
        FleetSpec mixed = FleetSpec.benchmark(1, MIXED_WORKSPACES, mixedAccounts());
        all.add(new FleetSpec.InstanceSpec(MIXED, "Bench Mixed", KeyMode.MIXED, mixed.instances().get(0).workspaces()
                .stream().map(w -> FleetSpec.WorkspaceSpec.of(w.name().replace("Bench Client 1-", "Mixed Client "), w.accounts()))
                .toList()));
        return new FleetSpec(all);
    }

    /** All accounts of the fleet. */
    int total() {
        return accounts + superAdminAccounts + mixedAccounts();
    }

    /** The mixed-credential instance's accounts (none without a super-admin instance). */
    int mixedAccounts() {
        return superAdminAccounts / 2;
    }

    /** A name for files of this fleet (key directories). */
    String option() {
        return "benchmark-" + instances + "x" + workspacesPerInstance + "x" + accounts
                + (superAdminWorkspaces == 0 ? "" : "-sa" + superAdminWorkspaces + "x" + superAdminAccounts);
    }

    String describe() {
        String apiUsers = String.format("%d instances x %d workspaces (api-user keys), %,d accounts", instances, workspacesPerInstance,
                accounts);
        return superAdminWorkspaces == 0 ? apiUsers : String.format("%s, plus a super-admin instance of %d workspaces, %,d accounts,"
                + " and a mixed-credential instance of %d workspaces, %,d accounts (%,d in all)", apiUsers, superAdminWorkspaces,
                superAdminAccounts, MIXED_WORKSPACES, mixedAccounts(), total());
    }
}
