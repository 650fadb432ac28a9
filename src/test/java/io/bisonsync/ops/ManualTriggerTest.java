package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.run.ProcessIdentity;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/sync: the bearer token, the 202 with the run id while the run goes on in the background, and the 409
 * while a run is in progress (held there by latency on one workspace of the simulator).
 */
class ManualTriggerTest extends SyncTestSupport {

    private static final String TOKEN = "ops-token-7f3a9c1e";
    private static final String BEARER = "Bearer " + TOKEN;

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.ops.token", TOKEN);
    }

    private OpsHttp api() {
        return new OpsHttp(opsPort());
    }

    @BeforeEach
    void holdRunsForAWhile() {
        simulator().faults().latency(simulator().instance("maverick").workspace("Globex Growth").scope(), Duration.ofMillis(500));
    }

    @AfterEach
    void healTheSimulatorAndLetTheRunFinish() {
        simulator().faults().reset();
        awaitNoRunInProgress();
    }

    @Test
    void aRunStartedOverHttpAnswers202WithItsIdBeforeItFinishesAndTheTokenIsLoggedNowhere() {
        OpsHttp.Answer answer;
        try (LogCapture log = new LogCapture()) {
            answer = api().post("/api/sync", BEARER);

            assertThat(answer.status()).isEqualTo(202);
            long runId = answer.json().path("runId").asLong();
            assertThat(runId).isPositive();
            assertThat(answer.json().path("status").asText()).isEqualTo("running");
            JsonNode run = api().get("/api/sync/runs/" + runId).json();
            assertThat(run.path("status").asText()).isEqualTo("running");
            assertThat(run.path("trigger").asText()).isEqualTo("manual");

            awaitNoRunInProgress();

            assertThat(api().get("/api/sync/runs/" + runId).json().path("status").asText()).isEqualTo("success");
            assertThat(log.text()).contains("Sync run " + runId + " started (trigger manual)").doesNotContain(TOKEN);
        }
        assertThat(answer.body()).doesNotContain(TOKEN);
        assertThat(answer.headers().map().toString()).doesNotContain(TOKEN).doesNotContainIgnoringCase("authorization");
    }

    @Test
    void aTriggerWhileARunIsInProgressIs409AndTheScheduleShowsTheRunsProgress() {
        long runId = api().post("/api/sync", BEARER).json().path("runId").asLong();

        OpsHttp.Answer second = api().post("/api/sync", BEARER);
        JsonNode schedule = api().get("/api/sync/schedule").json();

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("error").asText())
                .isEqualTo("a sync run is in progress (run " + runId + ", trigger manual, on " + ProcessIdentity.current().describe()
                        + "); try again when it has finished");
        assertThat(schedule.path("running").asBoolean()).isTrue();
        assertThat(schedule.path("scheduled").asBoolean()).isFalse(); // the schedule is off in tests
        JsonNode progress = schedule.path("run");
        assertThat(progress.path("runId").asLong()).isEqualTo(runId);
        assertThat(progress.path("trigger").asText()).isEqualTo("manual");
        assertThat(progress.path("process").path("instanceId").asText()).isEqualTo(ProcessIdentity.current().instanceId());
        assertThat(db().row("SELECT host, instance_id FROM email_sync_logs WHERE id = ?", runId))
                .containsEntry("host", ProcessIdentity.current().host())
                .containsEntry("instance_id", ProcessIdentity.current().instanceId());
        assertThat(progress.path("workspacesDone").asInt()).isBetween(0, 7).isLessThanOrEqualTo(progress.path("workspacesTotal").asInt());
        assertThat(db().count("SELECT count(*) FROM email_sync_logs WHERE status = 'running'")).isEqualTo(1);

        awaitNoRunInProgress();

        OpsHttp.Answer afterwards = api().post("/api/sync", BEARER);
        assertThat(afterwards.status()).as("the guard was released").isEqualTo(202);
        assertThat(afterwards.json().path("runId").asLong()).isGreaterThan(runId);
    }

    @Test
    void withoutTheTokenOrWithAWrongOneTheTriggerIs401StartsNothingAndLogsNoToken() {
        long runs = db().count("SELECT count(*) FROM email_sync_logs");
        String nearMiss = TOKEN + "0";
        OpsHttp.Answer none;
        OpsHttp.Answer basic;
        OpsHttp.Answer wrong;
        try (LogCapture log = new LogCapture()) {
            none = api().post("/api/sync", null);
            basic = api().post("/api/sync", "Basic b3BzOnRva2Vu");
            wrong = api().post("/api/sync", "Bearer " + nearMiss);

            assertThat(log.text()).doesNotContain(TOKEN);
        }

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"bison-sync\"");
        assertThat(none.json().path("error").asText()).isEqualTo("missing bearer token: send the header 'Authorization: Bearer <bison.ops.token>'");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).isEqualTo("wrong bearer token");
        assertThat(wrong.body() + wrong.headers().map()).doesNotContain(TOKEN).doesNotContainIgnoringCase("authorization");
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).isEqualTo(runs);
    }

    private void awaitNoRunInProgress() {
        await("the run in progress finished").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !api().get("/api/sync/schedule").json().path("running").asBoolean());
    }
}
