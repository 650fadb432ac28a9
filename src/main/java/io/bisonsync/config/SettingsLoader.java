package io.bisonsync.config;

import io.bisonsync.config.BisonSettings.Database;
import io.bisonsync.config.BisonSettings.Health;
import io.bisonsync.config.BisonSettings.Http;
import io.bisonsync.config.BisonSettings.Ops;
import io.bisonsync.config.BisonSettings.Simulator;
import io.bisonsync.config.BisonSettings.Sync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates the configuration into {@link BisonSettings}, section by section: the type of each key
 * ({@link PropertyReader}), the rules between keys (stale-run-after against heartbeat, a JDBC URL needing a user),
 * and the instance blocks ({@link InstanceBlocks}). Every key of {@link SettingKeys} is read here, so a bad value
 * of any of them stops start-up naming it.
 */
final class SettingsLoader {

    private SettingsLoader() {
    }

    static BisonSettings load(Set<String> keys, PropertyReader r) {
        List<String> ids = InstanceBlocks.ids(r);
        UnknownKeys.reject(keys, ids, r);
        Sync sync = sync(r);
        r.cron("bison.sync.housekeeping-cron");
        onceLockWait(r);
        Http http = http(r);
        int defaultRequestsPerMinute = r.nonNegativeInt("bison.http.requests-per-minute");
        Database database = database(r);
        Simulator simulator = simulator(r);
        Health health = health(r);
        ops(r);
        postRunSummaries(r);
        List<InstanceSettings> instances = InstanceBlocks.read(r, ids, defaultRequestsPerMinute, simulator.enabled());
        return new BisonSettings(sync, http, database, simulator, health, instances);
    }

    static Sync sync(PropertyReader r) {
        Sync sync = new Sync(r.cron("bison.sync.cron"), r.bool("bison.sync.schedule-enabled"), r.bool("bison.sync.run-on-startup"),
                r.positiveInt("bison.sync.batch-size"), r.positiveDuration("bison.sync.workspace-timeout"),
                r.positiveInt("bison.sync.max-pages"), r.duration("bison.sync.page-delay"), r.positiveInt("bison.sync.per-page"),
                r.positiveInt("bison.sync.max-parallel-lanes"), r.fraction("bison.sync.mass-drop-threshold"),
                r.bool("bison.sync.confirm-drop-on-next-read"), r.positiveDuration("bison.sync.live-window"),
                r.positiveDuration("bison.sync.log-retention"), r.positiveDuration("bison.sync.heartbeat"),
                r.positiveDuration("bison.sync.stale-run-after"), r.positiveDuration("bison.sync.run-timeout"),
                r.nonNegativeInt("bison.sync.max-verifications"), r.positiveInt("bison.sync.switch-check-pages"));
        if (sync.staleRunAfter().compareTo(sync.heartbeat().multipliedBy(2)) < 0) {
            // a live run would be closed as abandoned between two of its own heartbeats
            throw new ConfigException("bison.sync.stale-run-after", "must be at least twice bison.sync.heartbeat ("
                    + sync.heartbeat().toMillis() + " ms), was " + sync.staleRunAfter().toMillis() + " ms");
        }
        return sync;
    }

    static Http http(PropertyReader r) {
        return new Http(r.positiveDuration("bison.http.connect-timeout"), r.positiveDuration("bison.http.read-timeout"),
                r.nonNegativeInt("bison.http.max-retries"), r.duration("bison.http.retry-delay"),
                r.duration("bison.http.max-retry-after"), r.size("bison.http.max-response-size"));
    }

    static Database database(PropertyReader r) {
        String url = r.optional("bison.db.url").orElse(null);
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            // the URL is not echoed: it may carry a password
            throw new ConfigException("bison.db.url", "must be a JDBC URL starting with jdbc:postgresql:// (e.g."
                    + " jdbc:postgresql://db:5432/bison), not " + (url.contains("://") ? url.substring(0, url.indexOf("://") + 3) + "..." : "that"));
        }
        return new Database(url, url == null ? null : r.required("bison.db.user"),
                r.optional("bison.db.password").map(Secret::new).orElse(null), r.positiveInt("bison.db.pool-size"),
                r.positiveDuration("bison.db.startup-wait"), Path.of(r.value("bison.db.embedded.data-dir")),
                r.nonNegativeInt("bison.db.embedded.port"));
    }

    static Simulator simulator(PropertyReader r) {
        return new Simulator(r.bool("bison.simulator.enabled"), r.nonNegativeInt("bison.simulator.port"),
                r.longValue("bison.simulator.seed"), Path.of(r.value("bison.simulator.key-dir")),
                r.duration("bison.simulator.latency"), r.nonNegativeInt("bison.simulator.rate-limit-per-minute"),
                r.optional("bison.simulator.key-seed").map(v -> r.longValue("bison.simulator.key-seed")).orElse(null));
    }

    static Health health(PropertyReader r) {
        return new Health(r.positiveDuration("bison.health.max-sync-age"), r.positiveInt("bison.health.max-consecutive-failed-runs"),
                r.fraction("bison.health.max-account-drop"), r.positiveInt("bison.health.max-consecutive-workspace-failures"));
    }

    static Duration onceLockWait(PropertyReader r) {
        return r.duration("bison.sync.once-lock-wait");
    }

    static Ops ops(PropertyReader r) {
        Optional<String> webhook = r.optional("bison.alerts.webhook-url");
        if (webhook.isPresent() && !webhook.get().matches("https?://.+")) {
            // the URL itself is not echoed: a Slack webhook URL is a credential
            throw new ConfigException("bison.alerts.webhook-url", "must start with http:// or https://");
        }
        return new Ops(r.optional("bison.ops.token").map(Secret::new).orElse(null), Addresses.port("bison.ops.port", r.value("bison.ops.port")),
                webhook.map(Secret::new).orElse(null), r.positiveDuration("bison.alerts.check-interval"),
                r.optional("bison.ops.read-token").map(Secret::new).orElse(null), Addresses.host("bison.ops.host", r.value("bison.ops.host")),
                java.util.Set.copyOf(r.list("bison.ops.allowed-hosts")));
    }

    static boolean postRunSummaries(PropertyReader r) {
        return r.bool("bison.alerts.post-run-summaries");
    }
}
