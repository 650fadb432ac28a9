package io.bisonsync.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** The instances and workspace sizes a simulator serves; the records themselves come from the seed. */
public record FleetSpec(List<InstanceSpec> instances) {

    /** A workspace at start-up: its name and how many sender emails it holds. */
    public record WorkspaceSpec(String name, int accounts) {
        public WorkspaceSpec {
            Objects.requireNonNull(name, "name");
            if (accounts < 0) {
                throw new IllegalArgumentException("accounts must be >= 0, was " + accounts);
            }
        }

        public static WorkspaceSpec of(String name, int accounts) {
            return new WorkspaceSpec(name, accounts);
        }
    }

    /** An instance: its URL slug, display name, key mode and workspaces (the first is the default current one). */
    public record InstanceSpec(String slug, String name, KeyMode keyMode, List<WorkspaceSpec> workspaces) {
        public InstanceSpec {
            Objects.requireNonNull(slug, "slug");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keyMode, "keyMode");
            if (!slug.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("slug must be lower-case letters, digits and '-': " + slug);
            }
            if (workspaces.isEmpty()) {
                throw new IllegalArgumentException("instance " + slug + " needs at least one workspace");
            }
            workspaces = List.copyOf(workspaces);
        }

        public static InstanceSpec of(String slug, String name, KeyMode keyMode, WorkspaceSpec... workspaces) {
            return new InstanceSpec(slug, name, keyMode, List.of(workspaces));
        }
    }

    public FleetSpec {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one instance");
        }
        instances = List.copyOf(instances);
        if (instances.stream().map(InstanceSpec::slug).distinct().count() != instances.size()) {
            throw new IllegalArgumentException("instance slugs must be unique");
        }
    }

    public static FleetSpec of(InstanceSpec... instances) {
        return new FleetSpec(List.of(instances));
    }

    /** One instance {@code test} with one workspace {@code Test Workspace} of {@code accounts} sender emails. */
    public static FleetSpec single(KeyMode keyMode, int accounts) {
        return of(InstanceSpec.of("test", "Test", keyMode, WorkspaceSpec.of("Test Workspace", accounts)));
    }

    /** The fleet of the demo and of most tests: edge cases live in the workspace sizes. */
    public static FleetSpec demo() {
        return builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN)
                .workspace("Jason Binyon", 433)     // 29 pages: the account that exposed the 15-row bug
                .workspace("Acme Outreach", 120)    // exactly 8 full pages
                .workspace("Northwind Leads", 58)
                .workspace("Globex Growth", 15)     // exactly one full page
                .workspace("Initech", 0)            // empty
                .instance("long-run", "Long Run", KeyMode.API_USER)
                .workspace("Hooli", 212)
                .workspace("Stark Sales", 31)
                .workspace("Wayne Ventures", 97)
                // both key kinds: api-user keys for Tyrell Mail and Soylent, the super-admin key reads Cyberdyne
                .instance("cobalt", "Cobalt", KeyMode.MIXED)
                .workspace("Tyrell Mail", 64)
                .workspace("Cyberdyne", 22)
                .workspace("Soylent", 41)
                .build();
    }

    /**
     * API-user instances with deterministic, mixed workspace sizes summing to exactly {@code approxTotalAccounts}.
     * No workspace exceeds 750 accounts unless the total cannot fit otherwise.
     */
    public static FleetSpec benchmark(int instances, int workspacesPerInstance, int approxTotalAccounts) {
        if (instances < 1 || workspacesPerInstance < 1 || approxTotalAccounts < 0) {
            throw new IllegalArgumentException("benchmark needs >= 1 instance, >= 1 workspace and >= 0 accounts");
        }
        int[] sizes = WorkspaceSizes.spread(instances * workspacesPerInstance, approxTotalAccounts, 750,
                new Random(31L * instances + workspacesPerInstance));
        Builder builder = builder();
        for (int i = 0; i < instances; i++) {
            builder.instance("bench-" + (i + 1), "Bench " + (i + 1), KeyMode.API_USER);
            for (int w = 0; w < workspacesPerInstance; w++) {
                builder.workspace(String.format("Bench Client %d-%02d", i + 1, w + 1),
                        sizes[i * workspacesPerInstance + w]);
            }
        }
        return builder.build();
    }

    /**
     * One super-admin instance {@code agency} ("Agency") with {@code workspaces} client workspaces of
     * {@code accountsPerWorkspace} sender emails each: the shape of a real agency, whose one key reads dozens of
     * clients one after another.
     */
    public static FleetSpec agency(int workspaces, int accountsPerWorkspace) {
        if (workspaces < 1 || accountsPerWorkspace < 0) {
            throw new IllegalArgumentException("agency needs >= 1 workspace and >= 0 accounts per workspace");
        }
        Builder builder = builder().instance("agency", "Agency", KeyMode.SUPER_ADMIN);
        for (int w = 1; w <= workspaces; w++) {
            builder.workspace(String.format("Client %02d", w), accountsPerWorkspace);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int totalAccounts() {
        return instances.stream().flatMap(i -> i.workspaces().stream()).mapToInt(WorkspaceSpec::accounts).sum();
    }

    /** Fluent builder: {@code instance(...)} opens an instance, {@code workspace(...)} adds to the last one. */
    public static final class Builder {
        private final List<InstanceSpec> done = new ArrayList<>();
        private String slug;
        private String name;
        private KeyMode keyMode;
        private List<WorkspaceSpec> workspaces;

        private Builder() {
        }

        public Builder instance(String slug, String name, KeyMode keyMode) {
            flush();
            this.slug = slug;
            this.name = name;
            this.keyMode = keyMode;
            this.workspaces = new ArrayList<>();
            return this;
        }

        public Builder workspace(String name, int accounts) {
            if (workspaces == null) {
                throw new IllegalStateException("call instance(...) before workspace(...)");
            }
            workspaces.add(WorkspaceSpec.of(name, accounts));
            return this;
        }

        public FleetSpec build() {
            flush();
            return new FleetSpec(done);
        }

        private void flush() {
            if (workspaces != null) {
                done.add(new InstanceSpec(slug, name, keyMode, workspaces));
                workspaces = null;
            }
        }
    }
}
