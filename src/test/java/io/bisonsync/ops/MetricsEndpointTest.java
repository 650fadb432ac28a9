package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.sync.SyncRun;
import java.util.Properties;
import java.util.function.Predicate;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * /observe/metrics, read as Prometheus scrapes it: Camel's route metrics and the business metrics of a run with
 * retried 5xx and a failed workspace, checked against what the simulator served and the run log holds.
 */
class MetricsEndpointTest extends SyncTestSupport {

    private int managementPort;

    @Override
    protected void configure(Properties overrides) {
        managementPort = freePort();
        overrides.put("camel.management.enabled", "true");
        overrides.put("camel.management.port", Integer.toString(managementPort));
    }

    private PrometheusText scrape() {
        OpsHttp.Answer answer = new OpsHttp(managementPort).get("/observe/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return new PrometheusText(answer.body());
    }

    @Test
    void everyBusinessCounterHasASeriesAtZeroBeforeTheFirstRun() {
        PrometheusText metrics = scrape();

        for (String status : new String[] {"success", "partial", "failed"}) {
            assertThat(metrics.value("bison_sync_runs_total", "status", status)).as(status).isPresent();
        }
        assertThat(metrics.value("bison_sync_rate_limited_total", "instance", "Maverick")).isPresent();
        assertThat(metrics.value("bison_sync_retries_total", "instance", "Long Run")).isPresent();
        assertThat(metrics.value("bison_sync_api_responses_total", "instance", "Maverick", "class", "5xx")).isPresent();
        assertThat(metrics.value("bison_sync_accounts_total", "instance", "Long Run", "outcome", "deleted")).isPresent();
    }

    @Test
    void aRunWithRetried5xxAndAFailedWorkspaceShowsUpOnObserveMetrics() {
        long startedAt = System.currentTimeMillis() / 1000;
        simulator().requests().clear();
        simulator().faults().serverError(simulator().instance("maverick").workspace("Jason Binyon").scope(), 2, 502, 2);
        simulator().faults().serverError(simulator().instance("maverick").workspace("Acme Outreach").scope(), 1, 500, Faults.FOREVER);

        SyncRun run = runSync();
        simulator().faults().reset();

        assertThat(run.status()).isEqualTo("partial");
        PrometheusText metrics = scrape();
        RequestLog served = simulator().requests();
        String maverick = "Maverick";

        assertThat(metrics.get("bison_sync_runs_total", "status", "partial")).isEqualTo(1.0);
        assertThat(metrics.get("bison_sync_runs_total", "status", "failed")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_run_duration_seconds_count")).isEqualTo(1.0);
        assertThat(metrics.get("bison_sync_run_duration_seconds_sum")).isGreaterThan(0.0);

        long mavericksRead = db().count("SELECT sum(accounts_read) FROM email_sync_workspace_results WHERE run_id = ? AND bison_instance = ?",
                run.id(), maverick);
        assertThat(mavericksRead).isEqualTo(simulator().instance("maverick").totalAccounts() - 120); // all but Acme Outreach
        assertThat(metrics.get("bison_sync_accounts_total", "instance", maverick, "outcome", "fetched")).isEqualTo(mavericksRead);
        assertThat(metrics.get("bison_sync_accounts_total", "instance", maverick, "outcome", "inserted")).isEqualTo(mavericksRead);
        assertThat(metrics.get("bison_sync_accounts_total", "instance", maverick, "outcome", "updated")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_accounts_total", "instance", maverick, "outcome", "unchanged")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_accounts_total", "instance", maverick, "outcome", "deleted")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_pages_total", "instance", maverick)).isEqualTo(
                db().count("SELECT sum(pages_fetched) FROM email_sync_workspace_results WHERE run_id = ? AND bison_instance = ?",
                        run.id(), maverick));

        // Jason Binyon's page 2: 502 twice, then read; Acme Outreach's page 1: 500 on the first try and 3 retries
        assertThat(metrics.get("bison_sync_api_responses_total", "instance", maverick, "class", "5xx")).isEqualTo(6.0)
                .isEqualTo(served(served, "maverick", e -> e.status() / 100 == 5));
        assertThat(metrics.get("bison_sync_api_responses_total", "instance", maverick, "class", "2xx"))
                .isEqualTo(served(served, "maverick", e -> e.status() / 100 == 2));
        assertThat(metrics.get("bison_sync_retries_total", "instance", maverick)).isEqualTo(5.0);
        assertThat(metrics.get("bison_sync_retries_total", "instance", "Long Run")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_rate_limited_total", "instance", maverick)).isEqualTo(0.0);

        assertThat(metrics.get("bison_sync_workspaces_total", "instance", maverick, "status", "failed")).isEqualTo(1.0);
        assertThat(metrics.get("bison_sync_workspaces_total", "instance", maverick, "status", "complete")).isEqualTo(4.0);
        assertThat(metrics.get("bison_sync_workspace_failures_total", "instance", maverick, "workspace", "Acme Outreach")).isEqualTo(1.0);

        assertThat(metrics.get("bison_sync_last_success_timestamp_seconds")).isBetween((double) startedAt, startedAt + 60.0);
        assertThat(metrics.get("bison_sync_accounts_cached", "instance", maverick))
                .isEqualTo(db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_instance = ?", maverick));
        assertThat(metrics.get("bison_sync_run_in_progress")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_run_workspaces_done")).isEqualTo(8.0);
        // SyncMetrics registers the gauge bison_sync_run_workspaces_total; Prometheus drops _total from a gauge's name
        assertThat(metrics.get("bison_sync_run_workspaces")).isEqualTo(8.0);

        assertThat(metrics.sum("camel_exchanges_total", "routeId", "sync-workspace")).isEqualTo(8.0);
        assertThat(metrics.sum("camel_route_policy_seconds_count", "routeId", "sync-run")).isEqualTo(1.0);
    }

    /**
     * Apache HttpClient 5, under camel-http, re-executes a 429 or 503 once by itself (after Retry-After, else 1 s):
     * the first 429 never reaches apiRetryPolicy, the pacer or these counters. Enable this test once
     * BisonSyncConfiguration.configureHttp disables those automatic retries (HttpComponent.setAutomaticRetriesDisabled).
     */
    @Test
    @Disabled("pipeline: camel-http's client retries 429/503 itself, so the sync never sees a single 429 (see the ops report)")
    void every429TheSimulatorServesIsCountedAsRateLimitedAndRetried() {
        simulator().requests().clear();
        simulator().faults().serverError(simulator().instance("maverick").workspace("Northwind Leads").scope(), 2, 429, 1);

        runSync();
        simulator().faults().reset();

        PrometheusText metrics = scrape();
        assertThat(simulator().requests().count429("maverick")).isEqualTo(1);
        assertThat(metrics.get("bison_sync_api_responses_total", "instance", "Maverick", "class", "429")).isEqualTo(1.0);
        assertThat(metrics.get("bison_sync_rate_limited_total", "instance", "Maverick")).isEqualTo(1.0);
    }

    private static double served(RequestLog log, String slug, Predicate<RequestLog.Event> which) {
        return log.events().stream().filter(e -> e.slug().equals(slug)).filter(which).count();
    }
}
