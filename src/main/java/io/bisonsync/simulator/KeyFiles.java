package io.bisonsync.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes the keys the application is meant to use, one file each, so it can read them like mounted secrets:
 * {@code <slug>.key} for a super-admin key, {@code <slug>-<workspaceId>.key} per api-user key ({@link KeyMode}).
 */
final class KeyFiles {

    private KeyFiles() {
    }

    static List<Path> write(Path dir, Collection<SimInstance> instances) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (SimInstance instance : instances) {
            if (instance.keyMode().superAdminKey()) {
                written.add(write(dir.resolve(instance.slug() + ".key"), instance.superAdminKey()));
            }
            List<SimWorkspace> workspaces = instance.workspaces();
            for (int i = 0; i < workspaces.size(); i++) {
                if (instance.keyMode().apiUserKey(i)) {
                    SimWorkspace workspace = workspaces.get(i);
                    written.add(write(dir.resolve(instance.slug() + "-" + workspace.id() + ".key"), instance.apiUserKey(workspace.id())));
                }
            }
        }
        return written;
    }

    private static Path write(Path file, String key) throws IOException {
        Files.writeString(file, key);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection has to do
        }
        return file;
    }
}
