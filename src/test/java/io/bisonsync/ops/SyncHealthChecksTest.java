package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's four alerts as health checks on /observe/health (not readiness), each in both states, from history staged in
 * PostgreSQL (and once from real runs). Two thresholds differ from their defaults, to prove the keys are used.
 */
class SyncHealthChecksTest extends SyncTestSupport {

    private int managementPort;

    @Override
    protected void configure(Properties overrides) {
        managementPort = enableManagement(overrides);
        overrides.put("bison.health.max-sync-age", "30m");
        overrides.put("bison.health.max-consecutive-workspace-failures", "1");
        // a 30% drop is applied, not held: the account-drop check must see it without the gate's help
        overrides.put("bison.sync.mass-drop-threshold", "0.5");
    }

    private History history() {
        return new History(db());
    }

    private OpsHttp management() {
        return new OpsHttp(managementPort);
    }

    /** The checks answer their last refresh: refresh them first, as the alert check does every check-interval. */
    private OpsHttp refreshed() {
        refreshChecks();
        return management();
    }

    private void refreshChecks() {
        context.getRegistry().lookupByNameAndType("alertNotifier", io.bisonsync.ops.alerts.AlertNotifier.class).changes();
    }

    @BeforeEach
    void noHistory() {
        history().clear();
    }

    @AfterEach
    void healTheSimulator() {
        simulator().faults().reset();
    }

    @Test
    void aFreshInstallIsReadyAndSaysThatNoSyncSucceededYet() {
        OpsHttp.Answer health = refreshed().get("/observe/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode syncAge = check(health, "sync-age");
        assertThat(syncAge.path("status").asText()).isEqualTo("UP");
        assertThat(syncAge.path("message").asText()).startsWith("no success or partial run yet; started").contains("DOWN if none within 30 min");
        assertThat(check(health, "failed-runs").path("status").asText()).isEqualTo("UP");
        assertThat(check(health, "account-drop").path("message").asText()).isEqualTo("fewer than two complete reads of any workspace to compare");
        assertThat(check(health, "workspace-failures").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void noSuccessfulSyncForLongerThanTheMaxAgeMakesTheHealthDownButNeitherReadinessNorLiveness() {
        history().run("success", Duration.ofMinutes(46)); // ended 45 minutes ago: over the 30m of this class
        history().run("failed", Duration.ofMinutes(10));

        OpsHttp.Answer health = refreshed().get("/observe/health");

        assertThat(health.status()).isEqualTo(503);
        assertThat(check(health, "sync-age").path("status").asText()).isEqualTo("DOWN");
        assertThat(check(health, "sync-age").path("message").asText()).startsWith("no success or partial run for 45 min").endsWith("limit 30 min)");
        // readiness is the context's: an alert of the shared database would take every replica out of service
        OpsHttp.Answer ready = refreshed().get("/observe/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"context\"").doesNotContain("sync-age");
        OpsHttp.Answer live = refreshed().get("/observe/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("UP");

        history().run("partial", Duration.ofMinutes(6)); // a partial run counts as a success

        assertThat(check(refreshed().get("/observe/health"), "sync-age").path("message").asText())
                .isEqualTo("last success or partial run ended 5 min ago");
        assertThat(refreshed().get("/observe/health").status()).isEqualTo(200);
    }

    @Test
    void moreThanTwoConsecutiveFailedRunsMakeFailedRunsDown() {
        history().run("success", Duration.ofMinutes(25));
        history().run("failed", Duration.ofMinutes(20));
        history().run("abandoned", Duration.ofMinutes(15)); // a dead process neither counts nor ends the streak
        long second = history().run("failed", Duration.ofMinutes(10));

        assertThat(check(refreshed().get("/observe/health"), "failed-runs").path("message").asText())
                .isEqualTo("2 consecutive failed run(s), DOWN after more than 2");

        long third = history().run("failed", Duration.ofMinutes(5));

        JsonNode failedRuns = check(refreshed().get("/observe/health"), "failed-runs");
        assertThat(failedRuns.path("status").asText()).isEqualTo("DOWN");
        assertThat(failedRuns.path("message").asText())
                .isEqualTo("3 consecutive failed runs (limit 2); latest, run " + third + ": BisonApiException: HTTP 503 from every instance");
        assertThat(second).isLessThan(third);
    }

    @Test
    void aWorkspaceWhoseAccountsDroppedMoreThanTenPercentBetweenItsCompleteReadsMakesAccountDropDown() {
        long previous = history().successfulRun(Duration.ofMinutes(20), "Maverick", 1000, "Long Run", 300);
        long partial = history().run("partial", Duration.ofMinutes(15));
        history().result(partial, "Maverick", "failed", 10); // not a complete read: not compared
        history().result(partial, "Long Run", "complete", 300);
        long latest = history().successfulRun(Duration.ofMinutes(10), "Maverick", 850, "Long Run", 300);

        JsonNode drop = check(refreshed().get("/observe/health"), "account-drop");

        assertThat(drop.path("status").asText()).isEqualTo("DOWN");
        assertThat(drop.path("message").asText()).isEqualTo("accounts dropped by more than 10.0% between the last two complete reads: "
                + "[Maverick] Maverick main 1000 -> 850 (-15.0%, runs " + previous + " and " + latest + ")");

        history().successfulRun(Duration.ofMinutes(5), "Maverick", 800, "Long Run", 310);

        drop = check(refreshed().get("/observe/health"), "account-drop");
        assertThat(drop.path("status").asText()).isEqualTo("UP");
        assertThat(drop.path("message").asText())
                .isEqualTo("no workspace (2 compared) and no instance (2 compared) dropped by more than 10.0% between its last two complete reads");
    }

    @Test
    void aDropInOneWorkspaceFiresWhileAnotherWorkspaceFailsInEveryRun() {
        simulator().faults().serverError(simulator().instance("maverick").workspace("Globex Growth").scope(), 1, 500, Faults.FOREVER);
        long first = runSync().id();
        SimWorkspace hooli = simulator().instance("long-run").workspace("Hooli");
        List.copyOf(hooli.accountIds().subList(0, 64)).forEach(hooli::removeAccount); // 212 -> 148: 30.2%

        SyncRun second = runSync();

        assertThat(second.status()).as("every run is partial").isEqualTo(RunStatus.PARTIAL);
        JsonNode drop = check(refreshed().get("/observe/health"), "account-drop");
        assertThat(drop.path("status").asText()).isEqualTo("DOWN");
        assertThat(drop.path("message").asText())
                .startsWith("accounts dropped by more than 10.0% between the last two complete reads: ")
                .contains("[Long Run] Hooli 212 -> 148 (-30.2%, runs " + first + " and " + second.id() + ")")
                .contains("instance Long Run 340 -> 276 (-18.8%, runs " + first + " and " + second.id() + ")")
                .doesNotContain("Globex");
    }

    @Test
    void aWorkspaceFailingInMoreConsecutiveRunsThanAllowedMakesWorkspaceFailuresDownAndIsNamed() {
        history().workspaceState("Maverick", 35, "Acme Outreach", 2);
        history().workspaceState("Long Run", 9, "Hooli", 1);

        JsonNode failures = check(refreshed().get("/observe/health"), "workspace-failures");

        assertThat(failures.path("status").asText()).isEqualTo("DOWN");
        assertThat(failures.path("message").asText())
                .startsWith("1 workspace(s) failed in more than 1 consecutive runs: [Maverick] Acme Outreach (2 runs, last error:")
                .doesNotContain("Hooli");

        history().workspaceState("Maverick", 35, "Acme Outreach", 1);

        failures = check(refreshed().get("/observe/health"), "workspace-failures");
        assertThat(failures.path("status").asText()).isEqualTo("UP");
        assertThat(failures.path("message").asText()).isEqualTo("no workspace failed in more than 1 consecutive runs (2 failing fewer times)");
    }

    @Test
    void aWorkspaceThatFailsInRealRunsIsReportedOnceItFailedMoreRunsThanAllowed() {
        simulator().faults().serverError(simulator().instance("maverick").workspace("Globex Growth").scope(), 1, 500, Faults.FOREVER);
        runSync();
        assertThat(check(refreshed().get("/observe/health"), "workspace-failures").path("status").asText()).isEqualTo("UP");

        runSync();

        JsonNode failures = check(refreshed().get("/observe/health"), "workspace-failures");
        assertThat(failures.path("status").asText()).isEqualTo("DOWN");
        assertThat(failures.path("message").asText()).contains("[Maverick] Globex Growth (2 runs, last error: ").contains("HTTP 500");
    }

    @Test
    void theHealthGaugesOnObserveMetricsFollowTheChecks() {
        history().successfulRun(Duration.ofMinutes(20), "Maverick", 1000);
        history().successfulRun(Duration.ofMinutes(10), "Maverick", 700);
        history().run("failed", Duration.ofMinutes(5));
        history().workspaceState("Maverick", 35, "Acme Outreach", 2);
        refreshChecks(); // the alert check refreshes the checks and their gauges

        PrometheusText metrics = new PrometheusText(management().get("/observe/metrics").body());

        assertThat(metrics.get("bison_sync_health_check_up", "check", "account-drop")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_health_check_up", "check", "workspace-failures")).isEqualTo(0.0);
        assertThat(metrics.get("bison_sync_health_check_up", "check", "failed-runs")).isEqualTo(1.0);
        assertThat(metrics.get("bison_sync_account_drop_ratio", "bison_instance", "Maverick")).isEqualTo(0.3);
        assertThat(metrics.get("bison_sync_consecutive_failed_runs")).isEqualTo(1.0);
        assertThat(metrics.get("bison_sync_workspace_consecutive_failures", "bison_instance", "Maverick", "workspace_id", "35")).isEqualTo(2.0);
        assertThat(metrics.get("bison_sync_workspace_name", "bison_instance", "Maverick", "workspace_id", "35", "workspace", "Acme Outreach"))
                .isEqualTo(1.0);
        // the last success ended 9 minutes ago (started 10 minutes ago, took one)
        assertThat(metrics.get("bison_sync_last_success_age_seconds")).isBetween(530.0, 600.0);
    }

    private static JsonNode check(OpsHttp.Answer health, String name) {
        for (JsonNode c : health.json().path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }
}
