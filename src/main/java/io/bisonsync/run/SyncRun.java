package io.bisonsync.run;

import io.bisonsync.api.Credential;
import io.bisonsync.errors.Errors;
import io.bisonsync.lane.InstanceLanes;
import io.bisonsync.lane.LargestFirst;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.workspace.WorkspaceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** One sync run: its trigger, the lanes to read, every workspace's result, and the final status and summary. */
public final class SyncRun {

    /**
     * A lane whose workspace list could not be read: recorded like a failed workspace without an id.
     *
     * @param key "super-admin key" or "api-user key #n"
     */
    public record ListingFailure(String instance, String key, String errorClass, String errorMessage) {

        /** Stands in for the workspace name: "api-user key #2 (workspace list)". */
        public String workspaceName() {
            return key + " (workspace list)";
        }

        public String label() {
            return "[" + instance + "] " + workspaceName();
        }
    }

    private final String trigger;
    private final Instant startedAt = Instant.now();
    private final List<Credential> credentials;
    private volatile long id;
    private final ConcurrentLinkedQueue<WorkspaceRun> workspaces = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ListingFailure> listingFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workspacesPlanned = new AtomicInteger();
    private volatile String runError;
    private volatile String viewError;
    private volatile String stopReason;
    /** The workspace each lane (credential label) is reading now, for the monitoring page. */
    private final Map<String, WorkspaceRun> reading = new java.util.concurrent.ConcurrentHashMap<>();

    private final long deadlineNanos;
    private final Duration timeout;
    private volatile LargestFirst order = LargestFirst.NONE;

    public SyncRun(String trigger, List<Credential> credentials) {
        this(trigger, credentials, Duration.ofDays(365));
    }

    /** @param timeout bison.sync.run-timeout: past it the run stops as if shut down, recording what it did not read */
    public SyncRun(String trigger, List<Credential> credentials, Duration timeout) {
        this.trigger = trigger;
        this.credentials = List.copyOf(credentials);
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    public String trigger() {
        return trigger;
    }

    public long id() {
        return id;
    }

    void started(long runId) {
        this.id = runId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * The split body of {@code read-instances}: each instance's lanes, largest first, in the order the instances are
     * configured; {@link InstanceLanes} decides how many readers take them.
     */
    public List<InstanceLanes> instances() {
        Map<String, List<Credential>> byInstance = new LinkedHashMap<>();
        credentials.forEach(c -> byInstance.computeIfAbsent(c.instance().id(), k -> new ArrayList<>()).add(c));
        byInstance.forEach((instance, lanes) -> {
            long apiUserLanes = lanes.stream().filter(c -> !c.superAdmin()).count();
            if (apiUserLanes > 0 && apiUserLanes < lanes.size()) {
                apiUserClaims.put(instance, new CountDownLatch((int) apiUserLanes));
            }
        });
        return byInstance.values().stream()
                .map(lanes -> new InstanceLanes(lanes.get(0).instance(), order.lanes(lanes), this))
                .toList();
    }

    /** The order of lanes and workspaces, from the previous run's counts. */
    public LargestFirst order() {
        return order;
    }

    void order(LargestFirst largestFirst) {
        this.order = largestFirst;
    }

    // which lane reads each workspace (instance/id -> key label): a mixed instance's super-admin key lists the
    // workspaces its api-user keys read too
    private final Map<String, String> readers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Claims {@code ws} for its lane unless another lane of the instance claimed it first; true when another did
     * (then this lane leaves it alone). Each workspace is read once per run, by one lane.
     */
    public boolean claimedByAnotherLane(WorkspaceRun ws) {
        String lane = ws.credential().label();
        String holder = readers.putIfAbsent(ws.instanceName() + "/" + ws.workspaceId(), lane);
        return holder != null && !holder.equals(lane);
    }

    // a mixed instance's api-user lanes that have neither claimed their workspace nor ended (instance id -> count)
    private final Map<String, CountDownLatch> apiUserClaims = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<Credential> settledLanes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * An api-user lane of a mixed instance has claimed its workspace, or ended without (its listing failed): once per
     * lane. Called by the planner after the claim and by the lane's reader when the lane ends.
     */
    public void apiUserLaneSettled(Credential lane) {
        CountDownLatch open = apiUserClaims.get(lane.instance().id());
        if (open != null && !lane.superAdmin() && settledLanes.add(lane)) {
            open.countDown();
        }
    }

    /**
     * The super-admin lane of a mixed instance claims no workspace before every api-user lane of the instance has
     * claimed its own (or ended), so a workspace that has an api-user key is always read with it. The lanes are taken
     * api-user keys first ({@link InstanceLanes}), so when the super-admin lane runs every api-user lane is running or
     * done: the wait ends. It also ends when the run stops.
     */
    public void awaitApiUserClaims(Credential superAdminLane) throws InterruptedException {
        CountDownLatch open = apiUserClaims.get(superAdminLane.instance().id());
        while (open != null && !open.await(200, java.util.concurrent.TimeUnit.MILLISECONDS) && !stopRequested()) {
            // the run's stop (timeout, shutdown) ends the wait; the claims still open then are the api-user lanes'
        }
    }

    /** A planned workspace that another lane of its instance reads: not this lane's, not counted twice. */
    public void leftToAnotherLane(WorkspaceRun ws) {
        workspacesPlanned.decrementAndGet();
    }

    public void planned(int workspaceCount) {
        workspacesPlanned.addAndGet(workspaceCount);
    }

    public int workspacesPlanned() {
        return workspacesPlanned.get();
    }

    public int workspacesDone() {
        return workspaces.size();
    }

    public void workspaceDone(WorkspaceRun ws) {
        workspaces.add(ws);
        reading.remove(ws.credential().label(), ws);
    }

    /** A page of {@code ws} was read: its lane is on it. */
    public void reading(WorkspaceRun ws) {
        reading.put(ws.credential().label(), ws);
    }

    /** The workspaces being read now (at most one per lane), not yet finished. */
    public List<WorkspaceRun> inFlight() {
        return reading.values().stream().filter(ws -> ws.status() == null).toList();
    }

    public void listingFailed(ListingFailure failure) {
        listingFailures.add(failure);
    }

    public void broke(Throwable error) {
        runError = Errors.className(error) + ": " + Errors.message(error);
    }

    public void viewRefreshFailed(Throwable error) {
        viewError = Errors.className(error) + ": " + Errors.message(error);
    }

    public boolean viewRefreshed() {
        return viewError == null;
    }

    /** Graceful shutdown: lanes stop taking new pages. */
    public void requestStop() {
        stop("interrupted by shutdown");
    }

    /** Stops the run early (no new page or lane) for a reason that dooms the rest, e.g. a lost database. First reason stays. */
    public synchronized void stop(String reason) {
        if (stopReason == null) {
            stopReason = timedOut() ? timeoutReason() : reason;
        }
    }

    /** Whether the run takes no new page, workspace or lane: stopped, or past bison.sync.run-timeout. Only asks. */
    public boolean stopRequested() {
        return stopReason != null || timedOut();
    }

    /**
     * A step skipped work because {@link #stopRequested()}: past bison.sync.run-timeout the timeout becomes the run's
     * stop reason, so the run closes partial with that reason. A timeout that passes when nothing is left to read
     * cuts nothing short and changes nothing.
     */
    public void cutShort() {
        if (stopReason == null && timedOut()) {
            stop(timeoutReason());
        }
    }

    /** Why the run stopped early, or null while it goes on. */
    public String stopReason() {
        return stopReason;
    }

    private boolean timedOut() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    private String timeoutReason() {
        return "stopped at bison.sync.run-timeout (" + timeout.toSeconds() + " s)";
    }

    public List<WorkspaceRun> workspaces() {
        return List.copyOf(workspaces);
    }

    /** Workspaces the run planned but never started: their result rows are written with the run's closing row. */
    public List<WorkspaceRun> notRead() {
        return workspaces.stream().filter(w -> w.status() == WorkspaceStatus.NOT_READ).toList();
    }

    public List<ListingFailure> listingFailures() {
        return List.copyOf(listingFailures);
    }

    /**
     * success: every workspace complete; failed: none complete, or the run broke; partial: anything between,
     * including a held workspace and a run stopped early (shutdown, lost database), which skipped what it had not
     * reached.
     */
    public RunStatus status() {
        long ok = workspaces.stream().filter(w -> w.status() == WorkspaceStatus.COMPLETE).count();
        long notOk = workspaces.size() - ok + listingFailures.size();
        if (runError != null || (ok == 0 && (notOk > 0 || stopReason != null))) {
            return RunStatus.FAILED;
        }
        // a stopped run skipped the lanes and workspaces it had not reached yet
        return notOk == 0 && stopReason == null ? RunStatus.SUCCESS : RunStatus.PARTIAL;
    }

    /** "[Maverick] Jason Binyon" of every workspace that was not complete. */
    public String[] workspacesFailed() {
        List<String> failed = new ArrayList<>();
        workspaces.stream().filter(w -> w.status() != WorkspaceStatus.COMPLETE).map(WorkspaceRun::label).sorted().forEach(failed::add);
        listingFailures.forEach(f -> failed.add(f.label()));
        return failed.toArray(String[]::new);
    }

    public int accountsFetched() {
        return workspaces.stream().mapToInt(WorkspaceRun::accountsRead).sum();
    }

    public String errorMessage() {
        List<String> errors = new ArrayList<>();
        if (runError != null) {
            errors.add(runError);
        }
        if (stopReason != null) {
            errors.add(stopReason);
        }
        if (viewError != null) {
            errors.add("email_accounts_live refresh failed: " + viewError);
        }
        long bad = workspaces.stream().filter(w -> w.status() != WorkspaceStatus.COMPLETE).count() + listingFailures.size();
        if (bad > 0) {
            errors.add(bad + " workspace(s) not complete: see workspaces_failed and email_sync_workspace_results");
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    public double durationSeconds() {
        return Duration.between(startedAt, Instant.now()).toMillis() / 1000.0;
    }
}
