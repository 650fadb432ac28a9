package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * /observe/metrics, read as Prometheus scrapes it: Camel's route metrics and the business metrics of a run with
 * retried 5xx and a failed workspace, checked against what the simulator served and what the run log holds.
 * Counters are compared before and after the run, so the tests do not depend on each other's runs.
 */
class MetricsEndpointTest extends SyncTestSupport {

    private int managementPort;

    @Override
    protected void configure(Properties overrides) {
        managementPort = enableManagement(overrides);
    }

    @AfterEach
    void healTheSimulator() {
        simulator().faults().reset();
    }

    private PrometheusText scrape() {
        OpsHttp.Answer answer = new OpsHttp(managementPort).get("/observe/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return new PrometheusText(answer.body());
    }

    @Test
    void everyBusinessCounterHasASeriesFromStartUpOn() {
        PrometheusText metrics = scrape();

        for (String status : new String[] {"success", "partial", "failed"}) {
            assertThat(metrics.value("bison_sync_runs_total", "status", status)).as(status).isPresent();
        }
        assertThat(metrics.value("bison_sync_rate_limited_total", "bison_instance", "Maverick")).isPresent();
        assertThat(metrics.value("bison_sync_retries_total", "bison_instance", "Long Run")).isPresent();
        assertThat(metrics.value("bison_sync_api_responses_total", "bison_instance", "Maverick", "class", "5xx")).isPresent();
        assertThat(metrics.value("bison_sync_accounts_total", "bison_instance", "Long Run", "outcome", "deleted")).isPresent();
    }

    @Test
    void aRunWithRetried5xxAndAFailedWorkspaceShowsUpOnObserveMetrics() {
        long startedAt = System.currentTimeMillis() / 1000;
        PrometheusText before = scrape();
        simulator().requests().clear();
        simulator().faults().serverError(simulator().instance("maverick").workspace("Jason Binyon").scope(), 2, 502, 2);
        simulator().faults().serverError(simulator().instance("maverick").workspace("Acme Outreach").scope(), 1, 500, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        PrometheusText after = scrape();
        RequestLog served = simulator().requests();
        String maverick = "Maverick";
        Map<String, Object> results = db().row("SELECT sum(accounts_read) AS fetched, sum(inserted) AS inserted, sum(updated) AS updated,"
                + " sum(unchanged) AS unchanged, sum(deleted) AS deleted, sum(pages_fetched) AS pages"
                + " FROM email_sync_workspace_results WHERE run_id = ? AND bison_instance = ?", run.id(), maverick);

        assertThat(delta(before, after, "bison_sync_runs_total", "status", "partial")).isEqualTo(1.0);
        assertThat(delta(before, after, "bison_sync_runs_total", "status", "failed")).isEqualTo(0.0);
        assertThat(delta(before, after, "bison_sync_run_duration_seconds_count")).isEqualTo(1.0);
        assertThat(delta(before, after, "bison_sync_run_duration_seconds_sum")).isCloseTo(run.durationSeconds(), org.assertj.core.data.Offset.offset(1.0));

        assertThat(((Number) results.get("fetched")).longValue()).isEqualTo(simulator().instance("maverick").totalAccounts() - 120); // all but Acme
        for (String outcome : new String[] {"fetched", "inserted", "updated", "unchanged", "deleted"}) {
            assertThat(delta(before, after, "bison_sync_accounts_total", "bison_instance", maverick, "outcome", outcome)).as(outcome)
                    .isEqualTo(((Number) results.get(outcome)).doubleValue());
        }
        assertThat(delta(before, after, "bison_sync_pages_total", "bison_instance", maverick)).isEqualTo(((Number) results.get("pages")).doubleValue());

        // Jason Binyon's page 2: 502 twice, then read; Acme Outreach's page 1: 500 on the first try and 3 retries
        assertThat(delta(before, after, "bison_sync_api_responses_total", "bison_instance", maverick, "class", "5xx")).isEqualTo(6.0)
                .isEqualTo(served(served, e -> e.status() / 100 == 5));
        assertThat(delta(before, after, "bison_sync_api_responses_total", "bison_instance", maverick, "class", "2xx"))
                .isEqualTo(served(served, e -> e.status() / 100 == 2));
        assertThat(delta(before, after, "bison_sync_retries_total", "bison_instance", maverick)).isEqualTo(5.0);
        assertThat(delta(before, after, "bison_sync_retries_total", "bison_instance", "Long Run")).isEqualTo(0.0);
        assertThat(delta(before, after, "bison_sync_rate_limited_total", "bison_instance", maverick)).isEqualTo(0.0);

        assertThat(delta(before, after, "bison_sync_workspaces_total", "bison_instance", maverick, "status", "failed")).isEqualTo(1.0);
        assertThat(delta(before, after, "bison_sync_workspaces_total", "bison_instance", maverick, "status", "complete")).isEqualTo(4.0);
        String acme = Long.toString(simulator().instance("maverick").workspace("Acme Outreach").id());
        assertThat(delta(before, after, "bison_sync_workspace_failures_total", "bison_instance", maverick, "workspace_id", acme)).isEqualTo(1.0);
        assertThat(after.get("bison_sync_workspace_name", "bison_instance", maverick, "workspace_id", acme, "workspace", "Acme Outreach"))
                .isEqualTo(1.0);

        assertThat(after.get("bison_sync_last_success_timestamp_seconds")).isBetween((double) startedAt, startedAt + 60.0);
        assertThat(after.get("bison_sync_accounts_cached", "bison_instance", maverick))
                .isEqualTo(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_instance = ?", maverick));
        assertThat(after.get("bison_sync_run_in_progress")).isEqualTo(0.0);
        assertThat(after.get("bison_sync_run_workspaces_done")).isEqualTo(11.0);
        assertThat(after.get("bison_sync_run_workspaces_planned")).isEqualTo(11.0);

        assertThat(after.sum("camel_exchanges_total", "routeId", "sync-workspace") - before.sum("camel_exchanges_total", "routeId", "sync-workspace"))
                .isEqualTo(11.0);
        assertThat(after.sum("camel_route_policy_seconds_count", "routeId", "sync-run")
                - before.sum("camel_route_policy_seconds_count", "routeId", "sync-run")).isEqualTo(1.0);
    }

    @Test
    void everyMetricTheAlertRulesAndTheDashboardUseIsOnObserveMetrics() throws IOException {
        History history = new History(db());
        history.successfulRun(Duration.ofHours(3), "Maverick", 626); // older than any real run: two to compare
        history.successfulRun(Duration.ofHours(2), "Maverick", 626);
        runSync(); // the drop ratio compares the workspaces read completely in the last two finished runs: this one and the next
        simulator().faults().serverError(simulator().instance("maverick").workspace("Initech").scope(), 1, 500, Faults.FOREVER);
        runSync(); // a failed workspace: its failure counter and its consecutive-failures gauge appear
        context.getRegistry().lookupByNameAndType("alertNotifier", io.bisonsync.ops.alerts.AlertNotifier.class).changes(); // the alert check refreshes the checks and their gauges
        Set<String> exposed = new TreeSet<>();
        for (String line : scrape().text().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exposed.add(line.split("[{ ]")[0]);
            }
        }

        Set<String> used = metricNames(Path.of("config/prometheus-alerts.yml"));
        used.addAll(metricNames(Path.of("config/grafana-dashboard.json")));

        assertThat(used).hasSizeGreaterThan(20);
        assertThat(exposed).containsAll(used);
    }

    private static Set<String> metricNames(Path file) throws IOException {
        Matcher m = Pattern.compile("\\b(?:bison_sync|camel)_[a-z_]*[a-z]\\b").matcher(Files.readString(file));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The HTTP client's own retries are off, so every 429 reaches apiRetryPolicy, the pacer and these counters. */
    @Test
    void every429TheSimulatorServesIsCountedAsRateLimitedAndRetried() {
        PrometheusText before = scrape();
        simulator().requests().clear();
        simulator().faults().serverError(simulator().instance("maverick").workspace("Northwind Leads").scope(), 2, 429, 1);

        runSync();

        PrometheusText after = scrape();
        assertThat(simulator().requests().count429("maverick")).isEqualTo(1);
        assertThat(delta(before, after, "bison_sync_api_responses_total", "bison_instance", "Maverick", "class", "429")).isEqualTo(1.0);
        assertThat(delta(before, after, "bison_sync_rate_limited_total", "bison_instance", "Maverick")).isEqualTo(1.0);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.get(name, labels) - before.value(name, labels).orElse(0.0);
    }

    private static double served(RequestLog log, Predicate<RequestLog.Event> which) {
        return log.events().stream().filter(e -> e.slug().equals("maverick")).filter(which).count();
    }
}
