package io.bisonsync.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of configuration keys: every {@code bison.*} key the application understands, with its default,
 * unit and meaning. It drives the defaults ({@link PropertyReader}, the routes' placeholders), the refusal of
 * unknown keys ({@link UnknownKeys}), and {@code DocumentedDefaultsTest}, which holds
 * {@code config/application.properties} and docs/configuration.md's key table to it. A new key is a new row here.
 */
public final class SettingKeys {

    /** The keys outside instance blocks, in the order docs/configuration.md lists them. */
    public static final List<SettingKey> FIXED = List.of(
            new SettingKey("bison.instances", "", "ids", "instance ids to sync, comma-separated; each id has a block of the per-instance keys (required)"),
            new SettingKey("bison.sync.cron", "0 0/30 * * * ?", "cron", "Quartz cron of the scheduled run, shared by every replica"),
            new SettingKey("bison.sync.schedule-enabled", "true", "true/false", "run on the schedule at all"),
            new SettingKey("bison.sync.run-on-startup", "true", "true/false", "run once right after start-up"),
            new SettingKey("bison.sync.batch-size", "500", "count", "accounts per batch, one COPY appending them to the staging table"),
            new SettingKey("bison.sync.workspace-timeout", "45s", "duration", "longest read of one workspace, from its own first request"),
            new SettingKey("bison.sync.run-timeout", "2h", "duration", "longest whole run; the rest is recorded as not_read"),
            new SettingKey("bison.sync.max-pages", "50", "count", "most pages read per workspace; reaching it records the workspace as truncated"),
            new SettingKey("bison.sync.page-delay", "100ms", "duration", "pause after each answer, for instances whose request budget is 0"),
            new SettingKey("bison.sync.per-page", "15", "count", "per_page sent to the API (which caps pages at 15)"),
            new SettingKey("bison.sync.max-parallel-lanes", "8", "count", "threads reading lanes (API keys) in parallel, over all instances"),
            new SettingKey("bison.sync.mass-drop-threshold", "0.10", "fraction", "share of a workspace's accounts that may vanish in one read before deletions are held"),
            new SettingKey("bison.sync.confirm-drop-on-next-read", "true", "true/false", "look up a held mass drop once the next complete read confirms it (false: only an operator applies it)"),
            new SettingKey("bison.sync.max-verifications", "100", "count", "unseen accounts looked up per workspace and run, the rest stay held for the next runs; also the accounts seen moved (403) whose whereabouts are proven per instance and run (looked up in each of its workspaces, see architecture.md \"Moved out\")"),
            new SettingKey("bison.sync.switch-check-pages", "10", "count", "super-admin reads: pages between two lookups proving the key still points at the workspace (one more at the end)"),
            new SettingKey("bison.sync.live-window", "2h", "duration", "email_accounts_live shows workspaces read completely within this"),
            new SettingKey("bison.sync.log-retention", "30d", "duration", "sync logs older than this are removed by the daily housekeeping"),
            new SettingKey("bison.sync.housekeeping-cron", "0 15 3 * * ?", "cron", "Quartz cron of the daily housekeeping"),
            new SettingKey("bison.sync.heartbeat", "15s", "duration", "how often the run in flight writes its heartbeat"),
            new SettingKey("bison.sync.stale-run-after", "2m", "duration", "a running run without heartbeat this long is closed as abandoned (at least twice the heartbeat)"),
            new SettingKey("bison.sync.once-lock-wait", "10m", "duration", "how long --once waits for a run in progress before it exits with code 5"),
            new SettingKey("bison.http.connect-timeout", "5s", "duration", "TCP connect timeout"),
            new SettingKey("bison.http.read-timeout", "20s", "duration", "deadline of one whole request, from connecting to the last byte"),
            new SettingKey("bison.http.max-response-size", "8MB", "size", "largest answer read (B, KB or MB); a larger one fails its workspace"),
            new SettingKey("bison.http.max-retries", "3", "count", "retries of a 429, 5xx or I/O error, per request"),
            new SettingKey("bison.http.retry-delay", "500ms", "duration", "first retry delay, doubled on each retry"),
            new SettingKey("bison.http.max-retry-after", "60s", "duration", "longest Retry-After a 429 may ask for; a longer one fails the workspace"),
            new SettingKey("bison.http.requests-per-minute", "3000", "requests/min", "default request budget of an instance; 0 = bison.sync.page-delay instead"),
            new SettingKey("bison.db.url", "", "JDBC URL", "jdbc:postgresql://host:port/db; none = the embedded PostgreSQL"),
            new SettingKey("bison.db.user", "", "text", "database user, required with a URL"),
            new SettingKey("bison.db.password", "", "secret", "database password, from the environment"),
            new SettingKey("bison.db.pool-size", "8", "count", "connection pool size"),
            new SettingKey("bison.db.startup-wait", "60s", "duration", "how long start-up retries an unreachable database"),
            new SettingKey("bison.db.embedded.data-dir", "data/postgres", "path", "data folder of the embedded server"),
            new SettingKey("bison.db.embedded.port", "0", "port", "port of the embedded server, 0 = any free port"),
            new SettingKey("bison.simulator.enabled", "false", "true/false", "start the built-in Email Bison simulator (true in the shipped demo file)"),
            new SettingKey("bison.simulator.port", "8089", "port", "port the simulator serves on"),
            new SettingKey("bison.simulator.seed", "42", "number", "seed of the simulator's generated data"),
            new SettingKey("bison.simulator.key-seed", "", "number", "seed of the simulator's API keys; none = SecureRandom, new at each start"),
            new SettingKey("bison.simulator.key-dir", "data/simulator-keys", "path", "folder the simulator writes its API keys to, one file per key"),
            new SettingKey("bison.simulator.latency", "0ms", "duration", "latency the simulator adds to each response"),
            new SettingKey("bison.simulator.rate-limit-per-minute", "0", "requests/min", "simulator requests per minute per instance before a 429, 0 = unlimited"),
            new SettingKey("bison.health.max-sync-age", "60m", "duration", "the sync-age check is DOWN when no run succeeded for longer than this"),
            new SettingKey("bison.health.max-consecutive-failed-runs", "2", "count", "DOWN after more than this many consecutive failed runs"),
            new SettingKey("bison.health.max-account-drop", "0.10", "fraction", "DOWN when a workspace's or an instance's accounts dropped by more than this between two complete reads"),
            new SettingKey("bison.health.max-consecutive-workspace-failures", "3", "count", "DOWN when a workspace failed in more than this many consecutive runs"),
            new SettingKey("bison.ops.token", "", "secret", "bearer token of POST /api/sync; none = manual trigger disabled"),
            new SettingKey("bison.ops.port", "8080", "port", "port of the ops HTTP API"),
            new SettingKey("bison.ops.host", "127.0.0.1", "host", "address the ops HTTP API binds to"),
            new SettingKey("bison.ops.read-token", "", "secret", "bearer token every GET of the ops API needs; none = GETs open"),
            new SettingKey("bison.ops.allowed-hosts", "", "host names", "Host header values the ops server answers besides localhost, comma-separated; none = only localhost on a loopback bind, any otherwise"),
            new SettingKey("bison.alerts.webhook-url", "", "secret URL", "Slack-compatible webhook for alert state changes; none = off"),
            new SettingKey("bison.alerts.check-interval", "30s", "duration", "how often the alert notifier evaluates the health checks"),
            new SettingKey("bison.alerts.post-run-summaries", "false", "true/false", "also post each finished run's summary to the webhook"));

    /** How a per-instance key is written in full, with {@code <id>} for the instance id. */
    public static final String INSTANCE_BLOCK = "bison.instance.<id>.";

    /**
     * The keys of an instance block, written {@code bison.instance.<id>.name}. The default of
     * {@code requests-per-minute} is the value of the key it names.
     */
    public static final List<SettingKey> PER_INSTANCE = List.of(
            new SettingKey(INSTANCE_BLOCK + "name", "", "text", "display name, stored as bison_instance (required)"),
            new SettingKey(INSTANCE_BLOCK + "base-url", "", "URL", "instance host without /api (required)"),
            new SettingKey(INSTANCE_BLOCK + "super-admin-key", "", "secret", "one key for every workspace without an api-user key (at most one of it and its -file)"),
            new SettingKey(INSTANCE_BLOCK + "super-admin-key-file", "", "path", "file holding the super-admin key"),
            new SettingKey(INSTANCE_BLOCK + "api-user-keys", "", "secrets", "comma-separated api-user keys, one workspace each"),
            new SettingKey(INSTANCE_BLOCK + "api-user-key-files", "", "glob", "files holding one api-user key each"),
            new SettingKey(INSTANCE_BLOCK + "include-workspaces", "", "names or ids", "super-admin only: workspaces to sync; none = all"),
            new SettingKey(INSTANCE_BLOCK + "exclude-workspaces", "", "names or ids", "super-admin only: workspaces to skip"),
            new SettingKey(INSTANCE_BLOCK + "requests-per-minute", "bison.http.requests-per-minute", "requests/min", "request budget shared by the instance's readers"),
            new SettingKey(INSTANCE_BLOCK + "max-parallel", "4", "count", "workspaces read at the same time: one per api-user key, a super-admin key's one at a time"));

    /**
     * How often an operator changes a key, most often first: what every installation sets (its instances, their keys,
     * its database); the schedule, budgets, what is read, the ops API and the limits tuned most; the rest.
     */
    public enum Use { ESSENTIAL, FREQUENT, INFREQUENT }

    private static final Set<String> ESSENTIAL = Set.of("bison.instances", "bison.db.url", "bison.db.user", "bison.db.password",
            INSTANCE_BLOCK + "name", INSTANCE_BLOCK + "base-url", INSTANCE_BLOCK + "super-admin-key", INSTANCE_BLOCK + "super-admin-key-file",
            INSTANCE_BLOCK + "api-user-keys", INSTANCE_BLOCK + "api-user-key-files");

    private static final Set<String> FREQUENT = Set.of("bison.sync.cron", "bison.sync.workspace-timeout", "bison.sync.max-pages",
            "bison.sync.max-parallel-lanes", "bison.sync.mass-drop-threshold", "bison.http.requests-per-minute",
            "bison.db.embedded.data-dir", "bison.simulator.enabled", "bison.health.max-sync-age", "bison.ops.token", "bison.ops.port",
            "bison.ops.host", "bison.ops.allowed-hosts", "bison.ops.read-token", "bison.alerts.webhook-url", INSTANCE_BLOCK + "include-workspaces",
            INSTANCE_BLOCK + "exclude-workspaces", INSTANCE_BLOCK + "requests-per-minute", INSTANCE_BLOCK + "max-parallel");

    /** How often {@code key} is changed; a key named in neither list is infrequently used. */
    public static Use use(SettingKey key) {
        return ESSENTIAL.contains(key.key()) ? Use.ESSENTIAL : FREQUENT.contains(key.key()) ? Use.FREQUENT : Use.INFREQUENT;
    }

    /** The keys {@link #use} names, each of which must be a key of the table. */
    static Set<String> grouped() {
        Set<String> named = new HashSet<>(ESSENTIAL);
        named.addAll(FREQUENT);
        return named;
    }

    private static final Map<String, SettingKey> BY_KEY = FIXED.stream()
            .collect(Collectors.toMap(SettingKey::key, Function.identity(), (a, b) -> {
                throw new IllegalStateException("key listed twice: " + a.key());
            }, LinkedHashMap::new));

    private static final Map<String, SettingKey> BY_INSTANCE_KEY = PER_INSTANCE.stream()
            .collect(Collectors.toMap(SettingKeys::nameInBlock, Function.identity()));

    private SettingKeys() {
    }

    /** The name of a per-instance key inside its block: {@code max-parallel} of {@code bison.instance.<id>.max-parallel}. */
    public static String nameInBlock(SettingKey key) {
        return key.key().substring(INSTANCE_BLOCK.length());
    }

    /** Whether {@code key} is a key outside instance blocks. */
    public static boolean isFixed(String key) {
        return BY_KEY.containsKey(key);
    }

    /** Whether {@code name} is a key of an instance block (its name inside the block). */
    public static boolean isInstanceKey(String name) {
        return BY_INSTANCE_KEY.containsKey(name);
    }

    /** The default of a fixed key, empty when it has none or is not in the table. */
    public static Optional<String> defaultOf(String key) {
        return Optional.ofNullable(BY_KEY.get(key)).filter(SettingKey::hasDefault).map(SettingKey::defaultValue);
    }

    /** The default of a per-instance key (its name inside the block). */
    public static String instanceDefault(String name) {
        SettingKey key = BY_INSTANCE_KEY.get(name);
        if (key == null || !key.hasDefault()) {
            throw new IllegalArgumentException("no per-instance key with a default: " + name);
        }
        return key.defaultValue();
    }

    /** The fixed keys that have a default, with it, in table order. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        FIXED.stream().filter(SettingKey::hasDefault).forEach(k -> defaults.put(k.key(), k.defaultValue()));
        return defaults;
    }
}
