package io.bisonsync.simulator;

/**
 * A change to a workspace's list made between two page reads, as agents connect, disconnect and reassign
 * mailboxes while a client pages through the list.
 */
@FunctionalInterface
public interface PageMutation {

    /**
     * @param instance       the instance holding the workspace (for moves to another workspace)
     * @param workspace      the workspace whose page was just served
     * @param readerPosition list position right after the page just served (page * 15)
     */
    void apply(SimInstance instance, SimWorkspace workspace, int readerPosition);
}
