package io.bisonsync.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validated {@code bison.*} configuration. Every key the application understands is listed in {@link #KEYS}
 * with its default (documented in {@code config/application.properties}); an unknown {@code bison.*} key, a
 * missing required key or an unparsable value stops start-up with a {@link ConfigException} naming the key.
 */
public record BisonSettings(
        Sync sync, Http http, Database database, Simulator simulator, Health health, List<InstanceSettings> instances) {

    public record Sync(String cron, boolean scheduleEnabled, boolean runOnStartup, int batchSize, Duration workspaceTimeout,
                       int maxPages, Duration pageDelay, int perPage, int maxParallelLanes, double massDropThreshold,
                       boolean confirmDropOnNextRead, Duration liveWindow, Duration logRetention, Duration heartbeat,
                       Duration staleRunAfter, Duration runTimeout, int maxVerifications) {
    }

    /** {@code readTimeout} is one deadline for a whole request: connect, answer and its last byte. */
    public record Http(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryDelay,
                       Duration maxRetryAfter, long maxResponseSize) {
    }

    public record Database(String url, String user, Secret password, int poolSize, Duration startupWait, Path embeddedDataDir,
                           int embeddedPort) {
        public boolean embedded() {
            return url == null;
        }

        /** The URL without its query string (which may carry a password) and without user:password@. */
        public String safeUrl() {
            if (url == null) {
                return "embedded";
            }
            String u = url.replaceAll("//[^/@?]*@", "//");
            int q = u.indexOf('?');
            return q < 0 ? u : u.substring(0, q) + "?...";
        }

        @Override
        public String toString() {
            return "Database[url=" + safeUrl() + ", user=" + user + ", password=" + password + ", poolSize=" + poolSize
                    + ", startupWait=" + startupWait + ", embeddedDataDir=" + embeddedDataDir + ", embeddedPort=" + embeddedPort + "]";
        }
    }

    /** {@code keySeed}: null = keys from SecureRandom (the default); a number makes them reproducible. */
    public record Simulator(boolean enabled, int port, long seed, Path keyDir, Duration latency, int rateLimitPerMinute,
                            Long keySeed) {
    }

    public record Health(Duration maxSyncAge, int maxConsecutiveFailedRuns, double maxAccountDrop,
                         int maxConsecutiveWorkspaceFailures) {
    }

    /**
     * Operations: the ops API's bearer token (null = manual trigger disabled) and port, and the alert webhook
     * (null = notifier off, the URL is a secret too) checked every {@code alertCheckInterval}.
     */
    public record Ops(Secret token, int port, Secret webhookUrl, Duration alertCheckInterval, Secret readToken) {
    }

    /** Every fixed key with its default ("" = no default, the key is optional unless stated otherwise). */
    static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("bison.instances", ""),
            Map.entry("bison.sync.cron", "0 0/30 * * * ?"),
            Map.entry("bison.sync.schedule-enabled", "true"),
            Map.entry("bison.sync.run-on-startup", "true"),
            Map.entry("bison.sync.batch-size", "500"),
            Map.entry("bison.sync.workspace-timeout", "45s"),
            Map.entry("bison.sync.max-pages", "50"),
            Map.entry("bison.sync.page-delay", "100ms"),
            Map.entry("bison.sync.per-page", "15"),
            Map.entry("bison.sync.max-parallel-lanes", "8"),
            Map.entry("bison.sync.mass-drop-threshold", "0.10"),
            Map.entry("bison.sync.confirm-drop-on-next-read", "true"),
            Map.entry("bison.sync.live-window", "2h"),
            Map.entry("bison.sync.log-retention", "30d"),
            Map.entry("bison.sync.housekeeping-cron", "0 15 3 * * ?"),
            Map.entry("bison.sync.heartbeat", "15s"),
            Map.entry("bison.sync.stale-run-after", "2m"),
            Map.entry("bison.sync.once-lock-wait", "10m"),
            Map.entry("bison.sync.run-timeout", "2h"),
            Map.entry("bison.sync.max-verifications", "100"),
            Map.entry("bison.http.connect-timeout", "5s"),
            Map.entry("bison.http.read-timeout", "20s"),
            Map.entry("bison.http.max-retries", "3"),
            Map.entry("bison.http.retry-delay", "500ms"),
            Map.entry("bison.http.max-retry-after", "60s"),
            Map.entry("bison.http.requests-per-minute", "3000"),
            Map.entry("bison.http.max-response-size", "8MB"),
            Map.entry("bison.db.url", ""),
            Map.entry("bison.db.user", ""),
            Map.entry("bison.db.password", ""),
            Map.entry("bison.db.pool-size", "8"),
            Map.entry("bison.db.startup-wait", "60s"),
            Map.entry("bison.db.embedded.data-dir", "data/postgres"),
            Map.entry("bison.db.embedded.port", "0"),
            Map.entry("bison.simulator.enabled", "false"),
            Map.entry("bison.simulator.port", "8089"),
            Map.entry("bison.simulator.seed", "42"),
            Map.entry("bison.simulator.key-dir", "data/simulator-keys"),
            Map.entry("bison.simulator.latency", "0ms"),
            Map.entry("bison.simulator.rate-limit-per-minute", "0"),
            Map.entry("bison.simulator.key-seed", ""),
            Map.entry("bison.health.max-sync-age", "60m"),
            Map.entry("bison.health.max-consecutive-failed-runs", "2"),
            Map.entry("bison.health.max-account-drop", "0.10"),
            Map.entry("bison.health.max-consecutive-workspace-failures", "3"),
            Map.entry("bison.ops.token", ""),
            Map.entry("bison.ops.port", "8080"),
            Map.entry("bison.ops.host", "127.0.0.1"),
            Map.entry("bison.ops.read-token", ""),
            Map.entry("bison.alerts.webhook-url", ""),
            Map.entry("bison.alerts.check-interval", "30s"),
            Map.entry("bison.alerts.post-run-summaries", "false"));

    /** The keys that have a default, with it. */
    public static Map<String, String> defaults() {
        return KEYS.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static final Set<String> INSTANCE_KEYS = Set.of("name", "base-url", "super-admin-key", "super-admin-key-file",
            "api-user-keys", "api-user-key-files", "include-workspaces", "exclude-workspaces", "requests-per-minute",
            "max-parallel");

    private static final Pattern INSTANCE_KEY = Pattern.compile("bison\\.instance\\.([^.]+)\\.(.+)");
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KkMm]?[Bb])");

    /**
     * Reads and validates the configuration.
     *
     * @param keys    every {@code bison.*} key present in the configuration
     * @param resolve resolves a key to its value with placeholders ({@code {{env:...}}}) applied
     */
    public static BisonSettings load(Set<String> keys, Function<String, Optional<String>> resolve) {
        Reader r = new Reader(resolve);
        List<String> ids = r.list("bison.instances");
        if (ids.isEmpty()) {
            throw new ConfigException("bison.instances", "is required: list the instance ids to sync, e.g. maverick,long-run");
        }
        Set<String> distinct = new TreeSet<>();
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new ConfigException("bison.instances", "'" + id + "' is not a valid id (lower-case letters, digits and '-')");
            }
            if (!distinct.add(id)) {
                throw new ConfigException("bison.instances", "lists '" + id + "' twice; each instance is read once");
            }
        }
        rejectUnknownKeys(keys, ids, r);

        Sync sync = new Sync(r.cron("bison.sync.cron"), r.bool("bison.sync.schedule-enabled"), r.bool("bison.sync.run-on-startup"),
                r.positiveInt("bison.sync.batch-size"), r.positiveDuration("bison.sync.workspace-timeout"),
                r.positiveInt("bison.sync.max-pages"), r.duration("bison.sync.page-delay"), r.positiveInt("bison.sync.per-page"),
                r.positiveInt("bison.sync.max-parallel-lanes"), r.fraction("bison.sync.mass-drop-threshold"),
                r.bool("bison.sync.confirm-drop-on-next-read"), r.positiveDuration("bison.sync.live-window"),
                r.positiveDuration("bison.sync.log-retention"), r.positiveDuration("bison.sync.heartbeat"),
                r.positiveDuration("bison.sync.stale-run-after"), r.positiveDuration("bison.sync.run-timeout"),
                r.nonNegativeInt("bison.sync.max-verifications"));
        if (sync.staleRunAfter().compareTo(sync.heartbeat().multipliedBy(2)) < 0) {
            // a live run would be closed as abandoned between two of its own heartbeats
            throw new ConfigException("bison.sync.stale-run-after", "must be at least twice bison.sync.heartbeat ("
                    + sync.heartbeat().toMillis() + " ms), was " + sync.staleRunAfter().toMillis() + " ms");
        }
        r.cron("bison.sync.housekeeping-cron");
        Http http = new Http(r.positiveDuration("bison.http.connect-timeout"), r.positiveDuration("bison.http.read-timeout"),
                r.nonNegativeInt("bison.http.max-retries"), r.duration("bison.http.retry-delay"),
                r.duration("bison.http.max-retry-after"), r.size("bison.http.max-response-size"));
        String url = r.optional("bison.db.url").orElse(null);
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            // the URL is not echoed: it may carry a password
            throw new ConfigException("bison.db.url", "must be a JDBC URL starting with jdbc:postgresql:// (e.g."
                    + " jdbc:postgresql://db:5432/bison), not " + (url.contains("://") ? url.substring(0, url.indexOf("://") + 3) + "..." : "that"));
        }
        Database database = new Database(url, url == null ? null : r.required("bison.db.user"),
                r.optional("bison.db.password").map(Secret::new).orElse(null), r.positiveInt("bison.db.pool-size"),
                r.positiveDuration("bison.db.startup-wait"), Path.of(r.value("bison.db.embedded.data-dir")), r.nonNegativeInt("bison.db.embedded.port"));
        Simulator simulator = new Simulator(r.bool("bison.simulator.enabled"), r.nonNegativeInt("bison.simulator.port"),
                r.longValue("bison.simulator.seed"), Path.of(r.value("bison.simulator.key-dir")),
                r.duration("bison.simulator.latency"), r.nonNegativeInt("bison.simulator.rate-limit-per-minute"),
                r.optional("bison.simulator.key-seed").map(v -> r.longValue("bison.simulator.key-seed")).orElse(null));
        Health health = new Health(r.positiveDuration("bison.health.max-sync-age"), r.positiveInt("bison.health.max-consecutive-failed-runs"),
                r.fraction("bison.health.max-account-drop"), r.positiveInt("bison.health.max-consecutive-workspace-failures"));
        r.nonNegativeInt("bison.ops.port");
        r.positiveDuration("bison.alerts.check-interval");
        r.bool("bison.alerts.post-run-summaries");

        List<InstanceSettings> instances = new ArrayList<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (String id : ids) {
            // with the simulator, key files are written when it starts: read them lazily there
            InstanceSettings instance = instance(r, id, simulator.enabled());
            String other = names.putIfAbsent(instance.name(), id);
            if (other != null) {
                // the name is the stored bison_instance: two instances with one name would overwrite each other's rows
                throw new ConfigException("bison.instance." + id + ".name", "'" + instance.name() + "' is already the name of"
                        + " instance '" + other + "'; each instance needs its own name (it keys the stored accounts)");
            }
            instances.add(instance);
        }
        return new BisonSettings(sync, http, database, simulator, health, List.copyOf(instances));
    }

    /**
     * bison.sync.once-lock-wait: how long {@code --once} waits for a run of another process (or of this one) to end
     * before it gives up with exit code 4.
     */
    public static Duration onceLockWait(Function<String, Optional<String>> resolve) {
        return new Reader(resolve).duration("bison.sync.once-lock-wait");
    }

    /** Reads the operations keys (validated like the rest: a bad value stops start-up naming its key). */
    public static Ops ops(Function<String, Optional<String>> resolve) {
        Reader r = new Reader(resolve);
        Optional<String> webhook = r.optional("bison.alerts.webhook-url");
        if (webhook.isPresent() && !webhook.get().matches("https?://.+")) {
            // the URL itself is not echoed: a Slack webhook URL is a credential
            throw new ConfigException("bison.alerts.webhook-url", "must start with http:// or https://");
        }
        return new Ops(r.optional("bison.ops.token").map(Secret::new).orElse(null), r.nonNegativeInt("bison.ops.port"),
                webhook.map(Secret::new).orElse(null), r.positiveDuration("bison.alerts.check-interval"),
                r.optional("bison.ops.read-token").map(Secret::new).orElse(null));
    }

    /** {@code bison.alerts.post-run-summaries}: post each finished run's summary to the alert webhook (default false). */
    public static boolean postRunSummaries(Function<String, Optional<String>> resolve) {
        return new Reader(resolve).bool("bison.alerts.post-run-summaries");
    }

    private static void rejectUnknownKeys(Set<String> keys, List<String> ids, Reader r) {
        for (String key : new TreeSet<>(keys)) {
            if (!key.startsWith("bison.") || KEYS.containsKey(key)) {
                continue;
            }
            Matcher m = INSTANCE_KEY.matcher(key);
            if (m.matches() && INSTANCE_KEYS.contains(m.group(2))) {
                if (!ids.contains(m.group(1)) && r.optional(key).isPresent()) {
                    // a block whose id is not listed is a typo in the list or the block: either way, not what was
                    // meant (a block whose keys are all empty is switched off on purpose)
                    throw new ConfigException(key, "belongs to instance '" + m.group(1) + "', which is not listed in"
                            + " bison.instances " + ids + "; list it or remove its block");
                }
                continue;
            }
            throw new ConfigException(key, "unknown key (misspelt?)" + suggestion(key));
        }
    }

    private static String suggestion(String key) {
        String tail = key.substring(key.lastIndexOf('.') + 1);
        Set<String> near = KEYS.keySet().stream().filter(k -> k.endsWith("." + tail) || EditDistance.between(k, key) <= 3)
                .collect(Collectors.toCollection(TreeSet::new));
        INSTANCE_KEYS.stream().filter(k -> EditDistance.between(k, tail) <= 2).forEach(k -> near.add("bison.instance.<id>." + k));
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    private static InstanceSettings instance(Reader r, String id, boolean keyFilesMayAppearLater) {
        String p = "bison.instance." + id + ".";
        String name = r.required(p + "name");
        String baseUrl = r.required(p + "base-url").replaceAll("/+$", "").replaceAll("/api$", "");
        if (!baseUrl.matches("https?://.+")) {
            throw new ConfigException(p + "base-url", "'" + baseUrl + "' must start with http:// or https://");
        }
        Optional<String> adminKey = r.optional(p + "super-admin-key");
        Optional<String> adminKeyFile = r.optional(p + "super-admin-key-file");
        List<String> userKeys = r.list(p + "api-user-keys");
        Optional<String> userKeyFiles = r.optional(p + "api-user-key-files");
        int kinds = (adminKey.isPresent() ? 1 : 0) + (adminKeyFile.isPresent() ? 1 : 0)
                + (userKeys.isEmpty() ? 0 : 1) + (userKeyFiles.isPresent() ? 1 : 0);
        if (kinds != 1) {
            throw new ConfigException(p + "super-admin-key", "instance '" + id + "' needs exactly one of " + p + "super-admin-key, "
                    + p + "super-admin-key-file, " + p + "api-user-keys or " + p + "api-user-key-files (found " + kinds + ")");
        }
        Secret admin = adminKey.map(Secret::new).orElse(null);
        if (adminKeyFile.isPresent() && !keyFilesMayAppearLater) {
            admin = readKeyFile(p + "super-admin-key-file", Path.of(adminKeyFile.get()));
        }
        List<Secret> users = userKeys.stream().map(Secret::new).collect(Collectors.toList());
        if (userKeyFiles.isPresent() && !keyFilesMayAppearLater) {
            users = readKeyFiles(p + "api-user-key-files", userKeyFiles.get());
        }
        Set<String> include = new LinkedHashSet<>(r.list(p + "include-workspaces"));
        Set<String> exclude = new LinkedHashSet<>(r.list(p + "exclude-workspaces"));
        if (admin == null && adminKeyFile.isEmpty() && !(include.isEmpty() && exclude.isEmpty())) {
            throw new ConfigException(p + "include-workspaces", "include/exclude lists need a super-admin key; an api-user key sees one workspace");
        }
        int rpm = r.parseInt(p + "requests-per-minute",
                r.optional(p + "requests-per-minute").orElse(r.value("bison.http.requests-per-minute")), 0);
        int parallel = r.optional(p + "max-parallel").map(v -> r.parseInt(p + "max-parallel", v, 1)).orElse(4);
        return new InstanceSettings(id, name, baseUrl, admin, List.copyOf(users), Set.copyOf(include), Set.copyOf(exclude),
                rpm, parallel);
    }

    /** Reads the key files of an instance whose keys are written by the simulator at start-up. */
    public InstanceSettings resolveKeyFiles(InstanceSettings instance, Function<String, Optional<String>> resolve) {
        Reader r = new Reader(resolve);
        String p = "bison.instance." + instance.id() + ".";
        Secret admin = instance.superAdminKey();
        List<Secret> users = instance.apiUserKeys();
        Optional<String> adminFile = r.optional(p + "super-admin-key-file");
        if (adminFile.isPresent()) {
            admin = readKeyFile(p + "super-admin-key-file", Path.of(adminFile.get()));
        }
        Optional<String> userFiles = r.optional(p + "api-user-key-files");
        if (userFiles.isPresent()) {
            users = readKeyFiles(p + "api-user-key-files", userFiles.get());
        }
        return new InstanceSettings(instance.id(), instance.name(), instance.baseUrl(), admin, users, instance.include(),
                instance.exclude(), instance.requestsPerMinute(), instance.maxParallel());
    }

    public BisonSettings withInstances(List<InstanceSettings> resolved) {
        return new BisonSettings(sync, http, database, simulator, health, List.copyOf(resolved));
    }

    private static Secret readKeyFile(String key, Path file) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new ConfigException(key, "key file " + file + " is empty");
            }
            return new Secret(value);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read key file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<Secret> readKeyFiles(String key, String glob) {
        Path pattern = Path.of(glob);
        Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot list key files " + glob + " (" + e.getClass().getSimpleName() + ")");
        }
        if (files.isEmpty()) {
            throw new ConfigException(key, "no key file matches " + glob);
        }
        files.sort(null);
        return files.stream().map(f -> readKeyFile(key, f)).collect(Collectors.toList());
    }

    /** Typed access with defaults from {@link #KEYS}; every failure names the key. */
    private record Reader(Function<String, Optional<String>> resolve) {

        Optional<String> optional(String key) {
            Optional<String> v = resolve.apply(key).map(String::strip).filter(s -> !s.isEmpty());
            if (v.isEmpty() && KEYS.containsKey(key) && !KEYS.get(key).isEmpty()) {
                return Optional.of(KEYS.get(key));
            }
            return v;
        }

        String value(String key) {
            return optional(key).orElseThrow(() -> new ConfigException(key, "has no value"));
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new ConfigException(key, "is required"));
        }

        /** A comma-separated list; an empty entry (a trailing or doubled comma) is an error, not silently dropped. */
        List<String> list(String key) {
            Optional<String> v = optional(key);
            if (v.isEmpty()) {
                return List.of();
            }
            List<String> items = Arrays.stream(v.get().split(",", -1)).map(String::strip).toList();
            if (items.stream().anyMatch(String::isEmpty)) {
                throw new ConfigException(key, "has an empty entry (a trailing or doubled comma?)");
            }
            return items;
        }

        boolean bool(String key) {
            String v = value(key);
            if (!v.equals("true") && !v.equals("false")) {
                throw new ConfigException(key, "'" + v + "' is not true or false");
            }
            return Boolean.parseBoolean(v);
        }

        int parseInt(String key, String v, int min) {
            try {
                int n = Integer.parseInt(v.strip());
                if (n < min) {
                    throw new ConfigException(key, "must be at least " + min + " (was " + n + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + v + "' is not a whole number");
            }
        }

        int positiveInt(String key) {
            return parseInt(key, value(key), 1);
        }

        int nonNegativeInt(String key) {
            return parseInt(key, value(key), 0);
        }

        long longValue(String key) {
            try {
                return Long.parseLong(value(key));
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + value(key) + "' is not a whole number");
            }
        }

        double fraction(String key) {
            try {
                double d = Double.parseDouble(value(key));
                if (d < 0 || d > 1) {
                    throw new ConfigException(key, "must be between 0 and 1 (was " + d + ")");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + value(key) + "' is not a number between 0 and 1");
            }
        }

        Duration duration(String key) {
            return Durations.parse(key, value(key));
        }

        Duration positiveDuration(String key) {
            Duration d = duration(key);
            if (d.isZero()) {
                throw new ConfigException(key, "must be longer than 0 (was '" + value(key) + "')");
            }
            return d;
        }

        /** A size in bytes: a number with B, KB or MB (1 KB = 1024 B). */
        long size(String key) {
            Matcher m = SIZE.matcher(value(key));
            if (!m.matches()) {
                throw new ConfigException(key, "'" + value(key) + "' is not a size; use a number with B, KB or MB (e.g. 8MB)");
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + value(key) + "' is too large");
            }
            long unit = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
                case "KB" -> 1024L;
                case "MB" -> 1024L * 1024;
                default -> 1L;
            };
            if (n < 1 || n > Integer.MAX_VALUE / unit) {
                throw new ConfigException(key, "must be from 1 B to 2047 MB (was '" + value(key) + "')");
            }
            return n * unit;
        }

        String cron(String key) {
            String v = value(key);
            int fields = v.trim().split("\\s+").length;
            if (fields < 6 || fields > 7) {
                throw new ConfigException(key, "'" + v + "' is not a Quartz cron (6 or 7 fields: sec min hour day month weekday [year])");
            }
            return v;
        }
    }
}
