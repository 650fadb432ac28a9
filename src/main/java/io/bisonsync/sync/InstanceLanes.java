package io.bisonsync.sync;

import io.bisonsync.config.InstanceSettings;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * One instance's lanes (API keys) of a run, and how many readers take them (route {@code read-instance}): each
 * reader takes the next lane left until none is, so the instance never has more lanes in flight than readers, and
 * no thread blocks waiting for a turn.
 */
public final class InstanceLanes {

    private final String instance;
    private final ConcurrentLinkedQueue<Credential> lanes;
    private final int readers;
    private final SyncRun run;

    InstanceLanes(InstanceSettings instance, List<Credential> lanes, SyncRun run) {
        this.instance = instance.name();
        this.lanes = new ConcurrentLinkedQueue<>(lanes);
        this.readers = readerCount(instance.superAdmin(), instance.maxParallel(), lanes.size());
        this.run = run;
    }

    /**
     * The rule: one reader for a super-admin key (its current workspace is server-side state, so its workspaces are
     * read one after another), up to {@code bison.instance.<id>.max-parallel} for api-user keys, never more than
     * there are lanes.
     */
    static int readerCount(boolean superAdmin, int maxParallel, int lanes) {
        return superAdmin ? Math.min(1, lanes) : Math.min(maxParallel, lanes);
    }

    /** The split body of {@code start-readers}: the reader numbers 1..n. */
    public List<Integer> readers() {
        return IntStream.rangeClosed(1, readers).boxed().toList();
    }

    public boolean hasNext() {
        return !lanes.isEmpty() && !stopped();
    }

    /** The next lane, or null when another reader took the last one (or the run stopped). */
    public Credential next() {
        return stopped() ? null : lanes.poll();
    }

    private boolean stopped() {
        if (!run.stopRequested()) {
            return false;
        }
        if (!lanes.isEmpty()) {
            run.cutShort(); // lanes left unread
        }
        return true;
    }

    @Override
    public String toString() {
        return "lanes of " + instance;
    }
}
