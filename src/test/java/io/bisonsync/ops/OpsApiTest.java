package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.run.RunStatus;
import io.bisonsync.support.SyncTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The ops API over real HTTP with the default configuration, after real runs against the simulator: the read
 * endpoints, and the manual trigger, which is off without bison.ops.token.
 */
class OpsApiTest extends SyncTestSupport {

    /** 04:00 on January 1st: the schedule is on, but does not fire during the test. */
    private static final String CRON = "0 0 4 1 1 ?";

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.schedule-enabled", "true");
        overrides.put("bison.sync.cron", CRON);
    }

    private OpsHttp api() {
        return new OpsHttp(opsPort());
    }

    @BeforeEach
    void twoRunsWereMade() {
        while (db().count("SELECT count(*) FROM email_sync_logs") < 2) {
            assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        }
    }

    @Test
    void syncHealthAnswersTheFieldsOfGetEmailSyncHealth() {
        OpsHttp.Answer answer = api().get("/api/sync/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode health = answer.json();
        assertThat(health.fieldNames()).toIterable().containsExactly("lastSyncTime", "lastSyncStatus", "totalAccounts",
                "minutesSinceLastSync", "isHealthy", "lastSuccessTime", "running");
        assertThat(health.path("lastSyncStatus").asText()).isEqualTo("success");
        assertThat(health.path("totalAccounts").asLong()).isEqualTo(db().count("SELECT count(*) FROM email_accounts_cache"));
        assertThat(health.path("isHealthy").asBoolean()).isTrue();
        assertThat(health.path("running").asBoolean()).isFalse();
        assertThat(Instant.parse(health.path("lastSuccessTime").asText())).isEqualTo(Instant.parse(health.path("lastSyncTime").asText()));
        assertThat(health.path("minutesSinceLastSync").asDouble()).isBetween(0.0, 5.0);
    }

    @Test
    void runHistoryListsTheLatestRunsNewestFirstWithTheirWorkspaceResults() {
        List<Long> ids = new ArrayList<>();
        db().rows("SELECT id FROM email_sync_logs ORDER BY started_at DESC").forEach(r -> ids.add(((Number) r.get("id")).longValue()));

        JsonNode all = api().get("/api/sync/runs").json();
        JsonNode latest = api().get("/api/sync/runs?limit=1").json();

        assertThat(all.path("limit").asInt()).isEqualTo(20);
        assertThat(all.path("runs").findValuesAsText("runId").stream().map(Long::valueOf).toList()).isEqualTo(ids);
        assertThat(latest.path("limit").asInt()).isEqualTo(1);
        assertThat(latest.path("runs")).hasSize(1);
        JsonNode run = latest.path("runs").get(0);
        assertThat(run.path("runId").asLong()).isEqualTo(ids.get(0));
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        assertThat(run.path("byInstance").path("Maverick").path("accounts").asInt()).isEqualTo(simulator().instance("maverick").totalAccounts());
        assertThat(run.path("workspaces")).hasSize(11);
        assertThat(run.path("workspaces").findValuesAsText("status")).containsOnly("complete");
        assertThat(run.path("workspaces").get(0).fieldNames()).toIterable().startsWith("instance", "workspaceId", "workspace", "status");
    }

    @Test
    void aLimitThatIsNotAWholeNumberFrom1To200IsRefusedWith400() {
        for (String limit : new String[] {"abc", "0", "201", "-3", "1.5"}) {
            OpsHttp.Answer answer = api().get("/api/sync/runs?limit=" + limit);

            assertThat(answer.status()).as(limit).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).isEqualTo("limit must be a whole number from 1 to 200 (default 20)");
        }
        assertThat(api().get("/api/sync/runs?limit=200").status()).isEqualTo(200);
    }

    @Test
    void oneRunIsShownWithItsWorkspaceResultsAndAnUnknownOneIs404() {
        long latest = ((Number) db().row("SELECT max(id) AS id FROM email_sync_logs").get("id")).longValue();

        JsonNode run = api().get("/api/sync/runs/" + latest).json();

        assertThat(run.path("runId").asLong()).isEqualTo(latest);
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("totalAccountsFetched").asInt()).isEqualTo(simulator().instances().stream().mapToInt(i -> i.totalAccounts()).sum());
        assertThat(run.path("workspacesFailed")).isEmpty();
        JsonNode jason = null;
        for (JsonNode ws : run.path("workspaces")) {
            if (ws.path("workspace").asText().equals("Jason Binyon")) {
                jason = ws;
            }
        }
        assertThat(jason).isNotNull();
        assertThat(jason.path("accountsRead").asInt()).isEqualTo(433);
        assertThat(jason.path("pages").asInt()).isEqualTo(29);
        assertThat(jason.path("unchanged").asInt()).as("the second run changed nothing").isEqualTo(433);

        OpsHttp.Answer unknown = api().get("/api/sync/runs/999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("no sync run 999999");
        OpsHttp.Answer notAnId = api().get("/api/sync/runs/latest");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().path("error").asText()).isEqualTo("a run id is a positive whole number");
    }

    @Test
    void theScheduleShowsTheCronAndTheNextFireTimeOfTheQuartzTrigger() throws Exception {
        Date expected = new CronExpression(CRON).getNextValidTimeAfter(new Date());

        JsonNode schedule = api().get("/api/sync/schedule").json();

        assertThat(schedule.path("cron").asText()).isEqualTo(CRON);
        assertThat(schedule.path("scheduled").asBoolean()).isTrue();
        assertThat(Instant.parse(schedule.path("nextFireTime").asText())).isEqualTo(expected.toInstant());
        assertThat(schedule.path("running").asBoolean()).isFalse();
        assertThat(schedule.path("run").isNull()).isTrue();
    }

    @Test
    void theAccountsSummaryCountsTheLiveAccountsByInstanceAndWorkspace() {
        JsonNode summary = api().get("/api/accounts/summary").json();

        assertThat(summary.path("totalAccounts").asLong()).isEqualTo(db().count("SELECT count(*) FROM email_accounts_live"));
        assertThat(summary.path("instances").findValuesAsText("instance")).containsExactly("Cobalt", "Long Run", "Maverick");
        JsonNode maverick = summary.path("instances").get(2);
        assertThat(maverick.path("accounts").asInt()).isEqualTo(simulator().instance("maverick").totalAccounts());
        JsonNode jason = null;
        for (JsonNode ws : maverick.path("workspaces")) {
            if (ws.path("workspace").asText().equals("Jason Binyon")) {
                jason = ws;
            }
        }
        assertThat(jason).isNotNull();
        assertThat(jason.path("accounts").asInt()).isEqualTo(433);
        assertThat(Instant.parse(jason.path("lastSyncedAt").asText())).isEqualTo(((java.sql.Timestamp) db().row(
                "SELECT last_success_at FROM email_sync_workspace_state WHERE workspace_name = 'Jason Binyon'").get("last_success_at")).toInstant());
    }

    @Test
    void withoutAConfiguredTokenTheTriggerIs403AndSaysWhichKeyEnablesIt() {
        long runs = db().count("SELECT count(*) FROM email_sync_logs");

        for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
            OpsHttp.Answer answer = api().post("/api/sync", authorization);

            assertThat(answer.status()).as(String.valueOf(authorization)).isEqualTo(403);
            assertThat(answer.json().path("error").asText()).isEqualTo("the manual trigger is disabled: set bison.ops.token"
                    + " (e.g. from the environment variable BISON_OPS_TOKEN) to enable it");
        }
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).isEqualTo(runs);
    }

    @Test
    void answersEchoNoRequestHeader() {
        OpsHttp.Answer answer = api().get("/api/sync/runs?limit=2");

        assertThat(answer.headers().map().keySet()).map(String::toLowerCase).doesNotContain("limit", "user-agent", "host");
    }
}
