package io.bisonsync.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The validated {@code bison.*} configuration, one record per section. Every key the application understands is a
 * row of {@link SettingKeys} with its default (documented in {@code config/application.properties} and the
 * key table of docs/configuration.md); {@link SettingsLoader} reads them, and an unknown {@code bison.*} key, a missing required key or an
 * unparsable value stops start-up with a {@link ConfigException} naming the key.
 */
public record BisonSettings(
        Sync sync, Http http, Database database, Simulator simulator, Health health, List<InstanceSettings> instances) {

    public record Sync(String cron, boolean scheduleEnabled, boolean runOnStartup, int batchSize, Duration workspaceTimeout,
                       int maxPages, Duration pageDelay, int perPage, int maxParallelLanes, double massDropThreshold,
                       boolean confirmDropOnNextRead, Duration liveWindow, Duration logRetention, Duration heartbeat,
                       Duration staleRunAfter, Duration runTimeout, int maxVerifications,
                       int switchCheckPages) {
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
    /** @param allowedHosts {@code Host} values the ops server answers besides localhost (empty: any, on a non-loopback bind) */
    public record Ops(Secret token, int port, Secret webhookUrl, Duration alertCheckInterval, Secret readToken, String host,
                      Set<String> allowedHosts) {
    }

    /** The fixed keys that have a default, with it (the table is {@link SettingKeys}). */
    public static Map<String, String> defaults() {
        return SettingKeys.defaults();
    }

    /**
     * Reads and validates the configuration (see {@link SettingsLoader}).
     *
     * @param keys    every {@code bison.*} key present in the configuration
     * @param resolve resolves a key to its value with placeholders ({@code {{env:...}}}) applied
     */
    public static BisonSettings load(Set<String> keys, Function<String, Optional<String>> resolve) {
        return SettingsLoader.load(keys, new PropertyReader(resolve));
    }

    /**
     * bison.sync.once-lock-wait: how long {@code --once} waits for a run of another process (or of this one) to end
     * before it gives up with exit code 5.
     */
    public static Duration onceLockWait(Function<String, Optional<String>> resolve) {
        return SettingsLoader.onceLockWait(new PropertyReader(resolve));
    }

    /** Reads the operations keys (validated like the rest: a bad value stops start-up naming its key). */
    public static Ops ops(Function<String, Optional<String>> resolve) {
        return SettingsLoader.ops(new PropertyReader(resolve));
    }

    /** {@code bison.alerts.post-run-summaries}: post each finished run's summary to the alert webhook (default false). */
    public static boolean postRunSummaries(Function<String, Optional<String>> resolve) {
        return SettingsLoader.postRunSummaries(new PropertyReader(resolve));
    }

    /** Reads the key files of an instance whose keys are written by the simulator at start-up. */
    public InstanceSettings resolveKeyFiles(InstanceSettings instance, Function<String, Optional<String>> resolve) {
        return InstanceBlocks.resolveKeyFiles(instance, new PropertyReader(resolve));
    }

    public BisonSettings withInstances(List<InstanceSettings> resolved) {
        return new BisonSettings(sync, http, database, simulator, health, List.copyOf(resolved));
    }
}
