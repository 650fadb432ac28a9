package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One workspace (a Laravel "team") and its sender emails, in list order. Thread-safe: tests mutate it while
 * clients page through it, and every read hands out copies.
 */
public final class SimWorkspace {

    private final String slug;
    private final long id;
    private final String name;
    private final boolean main;
    private final String createdAt;
    private final String updatedAt;
    private final List<String> domains;
    private final AccountGenerator generator;
    private final List<ObjectNode> accounts = new ArrayList<>();

    SimWorkspace(String slug, long id, String name, boolean main, long createdEpoch, List<String> domains,
                 AccountGenerator generator) {
        this.slug = slug;
        this.id = id;
        this.name = name;
        this.main = main;
        this.createdAt = Json.timestamp(createdEpoch);
        this.updatedAt = Json.timestamp(createdEpoch + 3_600);
        this.domains = List.copyOf(domains);
        this.generator = generator;
    }

    /** The team_id. */
    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Slug of the instance this workspace belongs to. */
    public String slug() {
        return slug;
    }

    /** The fault scope of exactly this workspace. */
    public FaultScope scope() {
        return FaultScope.workspace(slug, id);
    }

    /** Appends {@code n} new sender emails at the end of the list; returns their ids. */
    public synchronized List<Long> addAccounts(int n) {
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long newId = generator.nextId();
            accounts.add(generator.create(newId, domains));
            ids.add(newId);
        }
        return ids;
    }

    /** Inserts {@code n} new sender emails at list position {@code index} (clamped to the list); returns their ids. */
    public synchronized List<Long> insertAccounts(int index, int n) {
        List<Long> ids = new ArrayList<>(n);
        int at = Math.max(0, Math.min(index, accounts.size()));
        for (int i = 0; i < n; i++) {
            long newId = generator.nextId();
            accounts.add(at + i, generator.create(newId, domains));
            ids.add(newId);
        }
        return ids;
    }

    /** Deletes the sender email at list position {@code index}; its id, or null when the list is shorter. */
    public synchronized Long removeAt(int index) {
        if (index < 0 || index >= accounts.size()) {
            return null;
        }
        return accounts.remove(index).get("id").asLong();
    }

    /** Replaces every sender email with {@code n} new ones (new ids): a fresh world for a test trial. */
    public synchronized List<Long> replaceAccounts(int n) {
        accounts.clear();
        return addAccounts(n);
    }

    /** Deletes one sender email; false if it is not in this workspace. */
    public synchronized boolean removeAccount(long accountId) {
        return accounts.removeIf(a -> a.get("id").asLong() == accountId);
    }

    /** Sets one field of a record ({@code null} writes JSON null). {@code updated_at} is left alone on purpose. */
    public synchronized void updateField(long accountId, String field, Object value) {
        ObjectNode account = find(accountId);
        if (account == null) {
            throw new IllegalArgumentException("no account " + accountId + " in workspace " + id);
        }
        account.set(field, Json.MAPPER.valueToTree(value));
    }

    /** Moves a record, id and all, to the end of another workspace of the same instance. */
    public void moveAccountTo(long accountId, SimWorkspace other) {
        if (other == this || !other.slug.equals(slug)) {
            throw new IllegalArgumentException("can only move to another workspace of instance " + slug);
        }
        // lock both in id order so two opposite moves cannot deadlock
        SimWorkspace first = id < other.id ? this : other;
        SimWorkspace second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                ObjectNode account = find(accountId);
                if (account == null) {
                    throw new IllegalArgumentException("no account " + accountId + " in workspace " + id);
                }
                accounts.remove(account);
                other.accounts.add(account);
            }
        }
    }

    public synchronized List<Long> accountIds() {
        return accounts.stream().map(a -> a.get("id").asLong()).toList();
    }

    public synchronized int size() {
        return accounts.size();
    }

    /** Copies of all records, in list order. */
    public synchronized List<JsonNode> accounts() {
        return accounts.stream().map(a -> (JsonNode) a.deepCopy()).toList();
    }

    /** A copy of one record, if it is in this workspace. */
    public synchronized Optional<JsonNode> account(long accountId) {
        return Optional.ofNullable(find(accountId)).map(ObjectNode::deepCopy);
    }

    /** Copies of the records at [from, from + count) and the list size, taken atomically. */
    synchronized Slice slice(int from, int count) {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = Math.max(0, from); i < Math.min(accounts.size(), from + count); i++) {
            records.add(accounts.get(i).deepCopy());
        }
        return new Slice(accounts.size(), records);
    }

    synchronized boolean contains(long accountId) {
        return find(accountId) != null;
    }

    /** Deletes the first {@code n} sender emails of the list. */
    public synchronized void removeFirst(int n) {
        accounts.subList(0, Math.min(n, accounts.size())).clear();
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("name", name);
        json.put("personal_team", false);
        json.put("main", main);
        json.putNull("parent_id");
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        return json;
    }

    private ObjectNode find(long accountId) {
        return accounts.stream().filter(a -> a.get("id").asLong() == accountId).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "SimWorkspace[" + slug + "/" + id + " " + name + "]";
    }

    /** Part of the list, plus the size of the whole list at the same moment. */
    record Slice(int total, List<ObjectNode> records) {
    }
}
