package io.bisonsync.sync;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The lanes of one instance that are still to be read. The instance's readers ({@code sync-lane-worker}, at most
 * {@code bison.instance.<id>.max-parallel} of them) take lanes from it until it is empty, which bounds the
 * instance's concurrency without blocking threads.
 */
public final class LaneQueue {

    private final String instance;
    private final ConcurrentLinkedQueue<Credential> lanes;
    private final SyncRun run;

    LaneQueue(String instance, List<Credential> lanes, SyncRun run) {
        this.instance = instance;
        this.lanes = new ConcurrentLinkedQueue<>(lanes);
        this.run = run;
    }

    public boolean hasNext() {
        return !lanes.isEmpty() && !run.stopRequested();
    }

    /** The next lane, or null when another reader took the last one (or the run stopped). */
    public Credential next() {
        return run.stopRequested() ? null : lanes.poll();
    }

    @Override
    public String toString() {
        return "lanes of " + instance;
    }
}
