package io.bisonsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.RequestLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the simulator saw of one super-admin key: its switches and the pages read after each. */
public final class SuperAdminReads {

    private SuperAdminReads() {
    }

    /**
     * Asserts that every page read with the key belongs to the workspace it last switched to, and that no workspace
     * is read again once another was started (no interleaving); returns the workspaces in the order switched to.
     */
    public static List<Long> assertNeverInterleaved(List<RequestLog.Event> events) {
        Long current = null;
        Set<Long> finished = new HashSet<>();
        List<Long> order = new ArrayList<>();
        for (RequestLog.Event e : events) {
            if (e.path().endsWith("switch-workspace")) {
                if (current != null) {
                    finished.add(current);
                }
                current = e.currentWorkspaceId();
                order.add(current);
            } else if (e.path().endsWith("sender-emails")) {
                assertThat(e.currentWorkspaceId()).as("page read after switching to %s", current).isEqualTo(current);
                assertThat(finished).as("workspace %s read again after another was started", current).doesNotContain(current);
            }
        }
        return order;
    }
}
