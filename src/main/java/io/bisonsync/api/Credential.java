package io.bisonsync.api;

import io.bisonsync.config.InstanceSettings;
import io.bisonsync.config.Secret;
import io.bisonsync.run.RunLock;
import java.util.ArrayList;
import java.util.List;

/**
 * One API key of one instance: the unit of parallel work (a "lane"). A super-admin key serves all workspaces of
 * its instance one after another, since the current workspace is server-side state of the key; an api-user
 * key serves its one workspace. Different lanes may run in parallel. Across processes, one reader per super-admin
 * key is the run lock's rule ({@link RunLock}): only the process holding it reads at all. A tool outside bison-sync
 * that uses the same key is not covered, and cannot be detected reliably (see docs/replicas.md, "One reader per
 * super-admin key").
 *
 * @param index position of an api-user key within the instance (1-based), 0 for a super-admin key
 */
public record Credential(InstanceSettings instance, Secret key, int index) {

    /** The lanes of a run: the super-admin key, or each api-user key, of every instance, in configuration order. */
    public static List<Credential> lanesOf(List<InstanceSettings> instances) {
        List<Credential> lanes = new ArrayList<>();
        for (InstanceSettings instance : instances) {
            if (instance.superAdmin()) {
                lanes.add(new Credential(instance, instance.superAdminKey(), 0));
            }
            for (int i = 0; i < instance.apiUserKeys().size(); i++) {
                lanes.add(new Credential(instance, instance.apiUserKeys().get(i), i + 1));
            }
        }
        return lanes;
    }

    public boolean superAdmin() {
        return index == 0;
    }

    public String authorization() {
        return "Bearer " + key.reveal();
    }

    /** For logs and errors: never the key itself. */
    public String label() {
        return "[" + instance.name() + "]" + (superAdmin() ? "" : " " + keyLabel());
    }

    /** Which key, without its value: "super-admin key" or "api-user key #2". */
    public String keyLabel() {
        return superAdmin() ? "super-admin key" : "api-user key #" + index;
    }

    @Override
    public String toString() {
        return label();
    }
}
