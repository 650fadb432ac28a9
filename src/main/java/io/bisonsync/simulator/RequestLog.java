package io.bisonsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Every request the simulator received, in arrival order. Thread-safe. */
public final class RequestLog {

    /**
     * One request. {@code key} is the bearer token as sent (null if none); {@code toString()} masks it.
     *
     * @param page               the page of a sender-email list read, else null
     * @param currentWorkspaceId the workspace served or switched to (an authenticated key's current one otherwise)
     * @param status             the HTTP status, 0 for a request left hanging
     * @param cookie             the Cookie header the client sent, null for none
     */
    public record Event(Instant at, String key, String method, String path, Integer page, Long currentWorkspaceId,
                        int status, String cookie) {

        /** The instance slug: the first segment of the path. */
        public String slug() {
            String[] segments = path.split("/");
            return segments.length > 1 ? segments[1] : "";
        }

        @Override
        public String toString() {
            return "Event[" + at + " " + ApiKeys.mask(key) + " " + method + " " + path
                    + (page == null ? "" : " page=" + page) + " workspace=" + currentWorkspaceId
                    + " status=" + status + "]";
        }
    }

    private final List<Event> events = new ArrayList<>();

    synchronized void record(Event event) {
        events.add(event);
    }

    public int count(String key) {
        return count(e -> Objects.equals(e.key(), key));
    }

    public int count(String key, String pathContains) {
        return count(e -> Objects.equals(e.key(), key) && e.path().contains(pathContains));
    }

    public int total() {
        return count(e -> true);
    }

    /** Requests of an instance answered 429. */
    public int count429(String slug) {
        return count(e -> e.slug().equals(slug) && e.status() == 429);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(String key) {
        return events().stream().filter(e -> Objects.equals(e.key(), key)).toList();
    }

    /** The most requests (429s included) an instance received within any 60-second window. */
    public int maxRequestsInAnyMinute(String slug) {
        List<Instant> times = events().stream().filter(e -> e.slug().equals(slug)).map(Event::at).sorted().toList();
        int max = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (!times.get(first).plus(RateWindow.WINDOW).isAfter(times.get(last))) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }

    public synchronized void clear() {
        events.clear();
    }

    private synchronized int count(Predicate<Event> filter) {
        return (int) events.stream().filter(filter).count();
    }
}
