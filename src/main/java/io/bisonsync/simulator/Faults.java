package io.bisonsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaviour to inject, switchable at any time from any thread. A request "acts on" a workspace: the one it
 * reads, the one a switch targets, or the key's current one; scoped faults match on that workspace.
 * Page faults are checked in the order they were added; the first one with reads left wins.
 */
public final class Faults {

    /** Page number that matches every page. */
    public static final int ANY_PAGE = 0;
    /** {@code times} value for a fault that never wears off. */
    public static final int FOREVER = -1;

    private final Map<String, SimInstance> instances;
    private final Duration baseLatency;
    private final int baseRateLimit;
    private final Map<FaultScope, Duration> latencies = new ConcurrentHashMap<>();
    private final Map<String, Integer> rateLimits = new ConcurrentHashMap<>();
    private final Map<String, RateWindow> windows = new ConcurrentHashMap<>();
    private final List<PageRule> pageRules = new CopyOnWriteArrayList<>();
    private final List<MutationRule> mutations = new CopyOnWriteArrayList<>();
    private final List<PageRule> lookupRules = new CopyOnWriteArrayList<>();
    private final Set<FaultScope> unauthorized = ConcurrentHashMap.newKeySet();
    private final Map<FaultScope, KeyEcho> echoes = new ConcurrentHashMap<>();
    private final List<PageRule> workspaceListRules = new CopyOnWriteArrayList<>();
    private final Set<String> paginatedLists = ConcurrentHashMap.newKeySet();
    private final Map<FaultScope, Map.Entry<String, String>> headers = new ConcurrentHashMap<>();

    Faults(Map<String, SimInstance> instances, Duration baseLatency, int baseRateLimit) {
        this.instances = instances;
        this.baseLatency = baseLatency;
        this.baseRateLimit = baseRateLimit;
        reset();
    }

    /** Sets the latency added to every request (replaces the global latency, including the settings' one). */
    public Faults latency(Duration latency) {
        return latency(FaultScope.global(), latency);
    }

    /** Sets the latency added to requests in scope; latencies of all matching scopes add up. */
    public Faults latency(FaultScope scope, Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latencies.put(checked(scope), latency);
        return this;
    }

    /** Limits an instance to {@code requestsPerMinute} over a sliding minute, over all keys; 0 lifts it. */
    public Faults rateLimit(String slug, int requestsPerMinute) {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must be >= 0");
        }
        rateLimits.put(checked(slug), requestsPerMinute);
        return this;
    }

    /** The next {@code times} reads ({@link #FOREVER} for all) of {@code page} answer {@code status}. */
    public Faults serverError(FaultScope scope, int page, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status, was " + status);
        }
        return addPageRule(scope, page, new PageFault.Status(status), times);
    }

    /** The next {@code times} reads of {@code page} answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public Faults tooManyRequests(FaultScope scope, int page, int retryAfterSeconds, int times) {
        return addPageRule(scope, page, new PageFault.TooManyRequests(retryAfterSeconds), times);
    }

    /**
     * Reads of {@code page} answer 200 at once but send the body one byte every {@code perByte}: a read timeout
     * that restarts with every byte never fires. {@link #reset()} does not speed up answers already trickling.
     */
    public Faults trickle(FaultScope scope, int page, Duration perByte) {
        return addPageRule(scope, page, new PageFault.Trickle(perByte), FOREVER);
    }

    /** Reads of {@code page} answer the page padded with white space to {@code bytes} bytes. */
    public Faults oversized(FaultScope scope, int page, int bytes) {
        return addPageRule(scope, page, new PageFault.Oversized(bytes), FOREVER);
    }

    /** Every answer in scope carries this header value (replacing the simulator's own), e.g. a garbled Retry-After. */
    public Faults header(FaultScope scope, String name, String value) {
        headers.put(checked(scope), Map.entry(name, value));
        return this;
    }

    /** The next {@code times} reads ({@link #FOREVER} for all) of {@code page} answer 200 with a broken body. */
    public Faults malformed(FaultScope scope, int page, Malformation kind, int times) {
        return addPageRule(scope, page, new PageFault.Malformed(kind), times);
    }

    /**
     * Reads of {@code page} get no answer; the request stays open until the client gives up or the simulator
     * closes. {@link #reset()} stops further hangs but does not release those already hanging.
     */
    public Faults hang(FaultScope scope, int page) {
        return addPageRule(scope, page, new PageFault.Hang(), FOREVER);
    }

    /** Every request in scope answers 401, as for a revoked key. */
    public Faults unauthorized(FaultScope scope) {
        unauthorized.add(checked(scope));
        return this;
    }

    /** Every request in scope answers an error that quotes the request's key, shaped as {@code echo}. */
    public Faults echoKey(FaultScope scope, KeyEcho echo) {
        echoes.put(checked(scope), echo);
        return this;
    }

    /** Once, right after {@code page} of a workspace in scope is served, appends {@code count} accounts to it. */
    public Faults addAfterPage(FaultScope scope, int page, int count) {
        return afterPage(scope, page, (instance, workspace, position) -> workspace.addAccounts(count));
    }

    /** Once, right after {@code page} is served, deletes the first {@code count} accounts of that workspace. */
    public Faults removeAfterPage(FaultScope scope, int page, int count) {
        return afterPage(scope, page, (instance, workspace, position) -> workspace.removeFirst(count));
    }

    /**
     * Once, right after {@code page} is served, a count-preserving shift: the first {@code count} accounts (before
     * the reader's position) are deleted and as many new ones are appended. {@code meta.total} stays the same, but
     * every later record slides {@code count} places left, so a reader that goes on with the next page never sees
     * {@code count} accounts that still exist.
     */
    public Faults shiftAfterPage(FaultScope scope, int page, int count) {
        return afterPage(scope, page, (instance, workspace, position) -> {
            workspace.removeFirst(count);
            workspace.addAccounts(count);
        });
    }

    /**
     * Once, right after {@code page} is served, moves the last account of the workspace to the end of workspace
     * {@code toWorkspaceId} of the same instance (an agent reassigning a mailbox to another client).
     */
    public Faults moveAfterPage(FaultScope scope, int page, long toWorkspaceId) {
        return afterPage(scope, page, (instance, workspace, position) -> {
            List<Long> ids = workspace.accountIds();
            if (!ids.isEmpty()) {
                workspace.moveAccountTo(ids.get(ids.size() - 1), instance.workspace(toWorkspaceId));
            }
        });
    }

    /**
     * Once, right after {@code page} of a workspace in scope is served, another client switches the instance's
     * super-admin key to {@code toWorkspaceId}; it stays there (a switch that persists until the sync switches).
     */
    public Faults switchKeyAfterPage(FaultScope scope, int page, long toWorkspaceId) {
        return afterPage(scope, page, (instance, workspace, position) -> instance.anotherClientSwitchesTheKeyTo(instance.workspace(toWorkspaceId)));
    }

    /**
     * A switch and a switch back: right after {@code page} of a workspace in scope another client switches the
     * super-admin key to {@code toWorkspaceId}, and right after the next page served from there switches it back.
     */
    public Faults switchKeyAndBackAfterPage(FaultScope scope, int page, long toWorkspaceId) {
        return afterPage(scope, page, (instance, workspace, position) -> {
            instance.anotherClientSwitchesTheKeyTo(instance.workspace(toWorkspaceId));
            afterPage(FaultScope.workspace(instance.slug(), toWorkspaceId), ANY_PAGE,
                    (i, other, p) -> i.anotherClientSwitchesTheKeyTo(workspace));
        });
    }

    /**
     * Once, right after {@code page} ({@link #ANY_PAGE}: the next page) of a workspace in scope is served, applies
     * {@code mutation} to it.
     */
    public Faults afterPage(FaultScope scope, int page, PageMutation mutation) {
        mutations.add(new MutationRule(checked(scope), page, mutation, new AtomicInteger(1)));
        return this;
    }

    /**
     * The next {@code times} single-record lookups ({@code GET /api/sender-emails/{id}}, {@link #FOREVER} for all)
     * of keys acting on a workspace in scope answer {@code status} (HTML body for 502/503/504).
     */
    public Faults lookupError(FaultScope scope, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status, was " + status);
        }
        if (times < 1 && times != FOREVER) {
            throw new IllegalArgumentException("times must be >= 1, or FOREVER (-1)");
        }
        lookupRules.add(new PageRule(checked(scope), ANY_PAGE, new PageFault.Status(status), new AtomicInteger(times)));
        return this;
    }

    /**
     * The workspace list of an instance comes in Laravel's paginated envelope, 15 per page (the contract does not
     * say whether it does), until reset.
     */
    public Faults paginateWorkspaceList(String slug) {
        paginatedLists.add(checked(slug));
        return this;
    }

    /** The workspace list of an instance answers {@code status} until reset. */
    public Faults workspaceListError(String slug, int status) {
        return workspaceListError(slug, ANY_PAGE, status, FOREVER);
    }

    /**
     * The next {@code times} reads ({@link #FOREVER} for all) of page {@code page} of an instance's workspace list
     * ({@link #ANY_PAGE} for every page, also of an unpaginated list) answer {@code status}.
     */
    public Faults workspaceListError(String slug, int page, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status, was " + status);
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 1, or ANY_PAGE");
        }
        if (times < 1 && times != FOREVER) {
            throw new IllegalArgumentException("times must be >= 1, or FOREVER (-1)");
        }
        workspaceListRules.add(new PageRule(FaultScope.instance(checked(slug)), page, new PageFault.Status(status),
                new AtomicInteger(times)));
        return this;
    }

    /** Clears every fault and rate window; the settings' latency and rate limit stay in force. */
    public void reset() {
        latencies.clear();
        rateLimits.clear();
        windows.clear();
        pageRules.clear();
        mutations.clear();
        lookupRules.clear();
        unauthorized.clear();
        echoes.clear();
        workspaceListRules.clear();
        paginatedLists.clear();
        headers.clear();
        latencies.put(FaultScope.global(), baseLatency);
    }

    private Faults addPageRule(FaultScope scope, int page, PageFault fault, int times) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 1, or ANY_PAGE");
        }
        if (times < 1 && times != FOREVER) {
            throw new IllegalArgumentException("times must be >= 1, or FOREVER (-1)");
        }
        pageRules.add(new PageRule(checked(scope), page, fault, new AtomicInteger(times)));
        return this;
    }

    /** A misspelt slug or workspace id would make a fault silently do nothing: refuse it instead. */
    private FaultScope checked(FaultScope scope) {
        if (scope.slug() != null) {
            SimInstance instance = instances.get(checked(scope.slug()));
            if (scope.workspaceId() != null) {
                instance.workspace(scope.workspaceId());
            }
        }
        return scope;
    }

    private String checked(String slug) {
        if (!instances.containsKey(slug)) {
            throw new IllegalArgumentException("no instance '" + slug + "'; known: " + instances.keySet());
        }
        return slug;
    }

    Duration latencyFor(String slug, Long workspaceId) {
        return latencies.entrySet().stream().filter(e -> e.getKey().covers(slug, workspaceId))
                .map(Map.Entry::getValue).reduce(Duration.ZERO, Duration::plus);
    }

    /** The header overrides of every scope covering the request. */
    List<Map.Entry<String, String>> headersFor(String slug, Long workspaceId) {
        return headers.entrySet().stream().filter(e -> e.getKey().covers(slug, workspaceId)).map(Map.Entry::getValue).toList();
    }

    Optional<KeyEcho> echo(String slug, Long workspaceId) {
        return echoes.entrySet().stream().filter(e -> e.getKey().covers(slug, workspaceId)).map(Map.Entry::getValue).findFirst();
    }

    boolean unauthorized(String slug, Long workspaceId) {
        return unauthorized.stream().anyMatch(s -> s.covers(slug, workspaceId));
    }

    RateWindow.Decision admit(String slug, Clock clock) {
        int limit = rateLimits.getOrDefault(slug, baseRateLimit);
        if (limit == 0) {
            return RateWindow.Decision.UNLIMITED;
        }
        return windows.computeIfAbsent(slug, s -> new RateWindow()).admit(clock.instant(), limit);
    }

    /** Consumes one read of the first matching page rule, if any. */
    Optional<PageFault> pageFault(String slug, long workspaceId, int page) {
        for (PageRule rule : pageRules) {
            if (rule.matches(slug, workspaceId, page) && consume(rule.remaining())) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }

    /** Applies the mutations due now that {@code page} of {@code workspace} was served; each rule fires once. */
    void mutateAfter(String slug, SimWorkspace workspace, int page) {
        for (MutationRule rule : mutations) {
            if (rule.scope().covers(slug, workspace.id()) && (rule.page() == ANY_PAGE || rule.page() == page)
                    && consume(rule.remaining())) {
                rule.mutation().apply(instances.get(slug), workspace, page * PageEnvelope.PER_PAGE);
            }
        }
    }

    /** Consumes one lookup fault matching the workspace the key acts on, if any: its status. */
    OptionalInt lookupError(String slug, long workspaceId) {
        for (PageRule rule : lookupRules) {
            if (rule.matches(slug, workspaceId, ANY_PAGE) && consume(rule.remaining())) {
                return OptionalInt.of(((PageFault.Status) rule.fault()).status());
            }
        }
        return OptionalInt.empty();
    }

    boolean paginatesWorkspaceList(String slug) {
        return paginatedLists.contains(slug);
    }

    /** Consumes one read of the first workspace-list fault matching this page of the list, if any: its status. */
    OptionalInt workspaceListFault(String slug, int page) {
        for (PageRule rule : workspaceListRules) {
            if (rule.scope().slug().equals(slug) && (rule.page() == ANY_PAGE || rule.page() == page)
                    && consume(rule.remaining())) {
                return OptionalInt.of(((PageFault.Status) rule.fault()).status());
            }
        }
        return OptionalInt.empty();
    }

    private static boolean consume(AtomicInteger remaining) {
        while (true) {
            int left = remaining.get();
            if (left == FOREVER) {
                return true;
            }
            if (left == 0) {
                return false;
            }
            if (remaining.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    private record PageRule(FaultScope scope, int page, PageFault fault, AtomicInteger remaining) {
        boolean matches(String slug, long workspaceId, int requestedPage) {
            return scope.covers(slug, workspaceId) && (page == ANY_PAGE || page == requestedPage);
        }
    }

    private record MutationRule(FaultScope scope, int page, PageMutation mutation, AtomicInteger remaining) {
    }
}
