package io.bisonsync.ops.health;

import io.bisonsync.errors.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One of the seed's four alerts as a Camel health check: it reads the sync history in PostgreSQL and is DOWN with
 * the reason while the alert holds, on {@code /observe/health} (and its gauge). Neither readiness nor liveness: an
 * alert holds for the shared database, so it would take every replica out of service at once, and stale data is no
 * reason to restart a process; readiness is Camel's own (the context).
 *
 * <p>PostgreSQL is read only by {@link #refresh()}, which the alert check calls every
 * {@code bison.alerts.check-interval}; {@code /observe/health} answers the last verdict from memory, so no request
 * does database work (nor waits for a database that is down). A failure to read is answered as its class and a
 * short message without hosts or ports, never as the exception.
 *
 * <p>The statements are files under {@code src/main/resources/sql/health/}, run through Spring's {@link JdbcClient}
 * (spring-jdbc comes with camel-sql); parameters are Spring's {@code :name} and always bound.
 */
public abstract class SyncCheck extends AbstractHealthCheck {

    public static final String GROUP = "bison";

    private final JdbcClient jdbc;
    protected final HealthMetrics metrics;
    private volatile Verdict last;

    protected SyncCheck(String id, DataSource dataSource, HealthMetrics metrics) {
        super(GROUP, id);
        this.jdbc = JdbcClient.create(dataSource);
        this.metrics = metrics;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    /** Reads PostgreSQL now and keeps the verdict for the health endpoint; never throws. */
    public Verdict refresh() {
        Verdict verdict;
        try {
            verdict = evaluate();
        } catch (Exception e) {
            verdict = Verdict.down("cannot read the sync history from PostgreSQL: " + Errors.className(e) + ": "
                    + Messages.shorten(Errors.message(e), 120), Map.of());
        }
        metrics.checked(getId(), verdict.up());
        last = verdict;
        return verdict;
    }

    /** The verdict of the last refresh, or null before the first. */
    public Verdict lastVerdict() {
        return last;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Verdict verdict = last;
        if (verdict == null) {
            // the first alert check runs right after start-up; until then there is nothing to be ready with
            verdict = Verdict.down("not checked yet (the first check runs at start-up, then every bison.alerts.check-interval)", Map.of());
        }
        builder.state(verdict.up() ? HealthCheck.State.UP : HealthCheck.State.DOWN);
        builder.message(printable(verdict.message()));
        verdict.details().forEach(builder::detail);
    }

    /** Reads PostgreSQL, updates this check's gauges and judges. */
    protected abstract Verdict evaluate() throws Exception;

    /** The rows of {@code sql} (see {@link #sql(String)}), each a column-label map in select order. */
    protected List<Map<String, Object>> rows(String sql, Map<String, ?> parameters) {
        return jdbc.sql(sql).params(parameters).query().listOfRows();
    }

    /** The text of a statement on the classpath, e.g. {@code sql/health/failed-runs.sql}. */
    static String sql(String resource) {
        try {
            return new ClassPathResource(resource, SyncCheck.class.getClassLoader()).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("SQL resource " + resource + " cannot be read from the classpath", e);
        }
    }

    /**
     * The management server writes the message into its JSON unescaped, so quotes, backslashes and line breaks
     * (an API error text may hold any of them) are replaced.
     */
    static String printable(String message) {
        return message.replace('"', '\'').replace('\\', '/').replaceAll("[\\r\\n\\t]+", " ");
    }
}
