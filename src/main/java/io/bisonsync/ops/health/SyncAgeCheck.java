package io.bisonsync.ops.health;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Seed alert "sync hasn't run in more than 60 minutes": DOWN when the last run with status success or partial
 * ended longer than bison.health.max-sync-age ago. A fresh install (no such run yet) is UP until the application
 * has been up longer than that threshold, then DOWN: waiting one period for the first sync is normal, more is not.
 * Its messages say "success or partial": a complete sync (status success) is what the monitoring page's "last
 * complete sync" shows, and each workspace's own freshness is judged there (GET /api/sync/overview).
 */
public final class SyncAgeCheck extends SyncCheck {

    public static final String ID = "sync-age";
    private static final String LAST_SUCCESS = sql("sql/health/last-success.sql");

    private final Duration maxAge;

    public SyncAgeCheck(DataSource dataSource, HealthMetrics metrics, Duration maxAge) {
        super(ID, dataSource, metrics);
        this.maxAge = maxAge;
    }

    @Override
    protected Verdict evaluate() throws Exception {
        Timestamp at = (Timestamp) rows(LAST_SUCCESS, Map.of()).get(0).get("last_success");
        Instant lastSuccess = at == null ? null : at.toInstant();
        metrics.lastSuccess(lastSuccess);
        return judge(lastSuccess, metrics.now(), metrics.startedAt(), maxAge);
    }

    static Verdict judge(Instant lastSuccess, Instant now, Instant startedAt, Duration maxAge) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("max_sync_age", maxAge.toString());
        if (lastSuccess == null) {
            Duration up = Duration.between(startedAt, now);
            details.put("up_for", up.toString());
            if (up.compareTo(maxAge) > 0) {
                return Verdict.down("no success or partial run yet, " + Ages.text(up) + " after start-up (limit "
                        + Ages.text(maxAge) + ")", details);
            }
            return Verdict.up("no success or partial run yet; started " + Ages.text(up) + " ago, DOWN if none within "
                    + Ages.text(maxAge), details);
        }
        Duration age = Duration.between(lastSuccess, now);
        details.put("last_success", lastSuccess.toString());
        if (age.compareTo(maxAge) > 0) {
            return Verdict.down("no success or partial run for " + Ages.text(age) + " (last one ended " + lastSuccess + ", limit "
                    + Ages.text(maxAge) + ")", details);
        }
        return Verdict.up("last success or partial run ended " + Ages.text(age) + " ago", details);
    }
}
