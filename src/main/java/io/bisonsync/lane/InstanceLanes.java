package io.bisonsync.lane;

import io.bisonsync.api.Credential;
import io.bisonsync.config.InstanceSettings;
import io.bisonsync.run.SyncRun;
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
    private volatile boolean cutShort;

    public InstanceLanes(InstanceSettings instance, List<Credential> lanes, SyncRun run) {
        this.instance = instance.name();
        this.lanes = new ConcurrentLinkedQueue<>(apiUserKeysFirst(lanes));
        this.readers = readerCount(instance.maxParallel(), lanes.size());
        this.run = run;
    }

    /**
     * The rule: up to {@code bison.instance.<id>.max-parallel} readers, never more than there are lanes. A
     * super-admin key is one lane (its current workspace is server-side state, so one reader reads its workspaces
     * one after another); each api-user key is a lane of its own, so an instance with both reads its api-user
     * workspaces in parallel beside the super-admin lane.
     */
    static int readerCount(int maxParallel, int lanes) {
        return Math.min(maxParallel, lanes);
    }

    /**
     * A mixed instance's api-user lanes are taken first: each claims its workspace when it plans it, so the
     * super-admin lane, which lists every workspace, leaves those to them ({@link SyncRun#claimedByAnotherLane}).
     */
    static List<Credential> apiUserKeysFirst(List<Credential> lanes) {
        return lanes.stream().sorted(java.util.Comparator.comparing(Credential::superAdmin)).toList();
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
            cutShort = true;
            run.cutShort(); // lanes left unread
        }
        return true;
    }

    /** The instance's bison_instance name. */
    public String instanceName() {
        return instance;
    }

    /** Whether the run stopped with lanes of this instance left unread. */
    public boolean cutShort() {
        return cutShort;
    }

    @Override
    public String toString() {
        return "lanes of " + instance;
    }
}
