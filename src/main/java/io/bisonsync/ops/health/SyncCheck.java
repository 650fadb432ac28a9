package io.bisonsync.ops.health;

import io.bisonsync.sync.Errors;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One of the seed's four alerts as a Camel readiness check: it reads the sync history in PostgreSQL and is DOWN
 * with the reason while the alert holds. Liveness is not affected: stale data is no reason to restart the process.
 */
public abstract class SyncCheck extends AbstractHealthCheck {

    public static final String GROUP = "bison";

    private final DataSource dataSource;
    protected final HealthMetrics metrics;

    protected SyncCheck(String id, DataSource dataSource, HealthMetrics metrics) {
        super(GROUP, id);
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Verdict verdict;
        try {
            verdict = evaluate();
        } catch (Exception e) {
            verdict = Verdict.down("cannot read the sync history from PostgreSQL: " + Errors.message(e), Map.of());
            builder.error(e);
        }
        metrics.checked(getId(), verdict.up());
        builder.state(verdict.up() ? HealthCheck.State.UP : HealthCheck.State.DOWN);
        builder.message(printable(verdict.message()));
        verdict.details().forEach(builder::detail);
    }

    /** Reads PostgreSQL, updates this check's gauges and judges. */
    protected abstract Verdict evaluate() throws Exception;

    protected List<Map<String, Object>> rows(SqlQuery query, Map<String, ?> parameters) throws Exception {
        return query.rows(dataSource, parameters);
    }

    /**
     * The management server writes the message into its JSON unescaped, so quotes, backslashes and line breaks
     * (an API error text may hold any of them) are replaced.
     */
    static String printable(String message) {
        return message.replace('"', '\'').replace('\\', '/').replaceAll("[\\r\\n\\t]+", " ");
    }
}
