package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.run.SyncRun;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the monitoring page reads, over real HTTP: workspaces, one workspace's history, the checks, the
 * read-only configuration, the CSV exports, the page's own files; and bison.alerts.post-run-summaries.
 */
class MonitoringApiTest extends SyncTestSupport {

    private static final String TOKEN = "monitor-token-91c2";

    private SyncRun first;

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.ops.token", TOKEN);
        overrides.put("bison.alerts.webhook-url", webhook().url());
        overrides.put("bison.alerts.post-run-summaries", "true");
    }

    @BeforeEach
    void oneRun() {
        if (first == null) {
            first = runSync();
        }
    }

    private OpsHttp api() {
        return new OpsHttp(opsPort());
    }

    @Test
    void eachFinishedRunsSummaryIsPostedToTheWebhookWhenPostRunSummariesIsOn() {
        await("the summary was posted").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !webhook().delivered().isEmpty());

        assertThat(webhook().delivered()).singleElement().asString()
                .startsWith("{\"text\":\":white_check_mark: bison-sync run " + first.id() + " (manual): SUCCESS, 1093 accounts from 11 workspaces in ")
                .doesNotContain(TOKEN);
    }

    @Test
    void workspacesAnswerTheDatabasesCachedAccountsAndMetaTotalAndAWorkspacesHistory() {
        JsonNode workspaces = api().get("/api/sync/workspaces").json().path("workspaces");

        assertThat(workspaces).hasSize(11);
        for (JsonNode ws : workspaces) {
            long cached = db().count("SELECT count(*) FROM email_accounts_cache WHERE bison_instance = ? AND workspace_id = ?",
                    ws.path("bisonInstance").asText(), ws.path("workspaceId").asLong());
            assertThat(ws.path("cachedAccounts").asLong()).as(ws.toString()).isEqualTo(cached);
            assertThat(ws.path("apiTotal").asLong()).isEqualTo(cached);
            assertThat(ws.path("lastStatus").asText()).isEqualTo("complete");
            assertThat(ws.path("consecutiveFailures").asInt()).isZero();
            assertThat(ws.path("lastSuccessAt").asText()).isNotEmpty();
        }
        JsonNode jason = find(workspaces, "Jason Binyon");
        assertThat(jason.path("pagesFetched").asInt()).isEqualTo(29);
        assertThat(jason.path("cachedAccounts").asInt()).isEqualTo(433);

        JsonNode history = api().get("/api/sync/workspaces/history?instance=Maverick&workspaceId=" + jason.path("workspaceId").asLong()).json();
        assertThat(history.path("results")).hasSize(1);
        assertThat(history.path("results").get(0).path("runId").asLong()).isEqualTo(first.id());
        assertThat(history.path("results").get(0).path("accountsRead").asInt()).isEqualTo(433);
        assertThat(api().get("/api/sync/workspaces/history?instance=Maverick&workspaceId=x").status()).isEqualTo(400);
        assertThat(api().get("/api/sync/workspaces/history?workspaceId=1").json().path("error").asText()).startsWith("instance is required");
    }

    @Test
    void theOverviewIsHealthyAfterOneCompleteRunAndEachRunCarriesItsDigest() {
        JsonNode overview = api().get("/api/sync/overview").json();

        assertThat(overview.path("badge").asText()).isEqualTo("healthy");
        assertThat(overview.path("lastRunId").asLong()).isEqualTo(first.id());
        assertThat(overview.path("lastRunStatus").asText()).isEqualTo("success");
        assertThat(overview.path("lastCompleteTime").isTextual()).isTrue();
        assertThat(overview.path("lastRun").path("workspacesComplete").asInt()).isEqualTo(11);
        assertThat(overview.path("lastRun").path("workspacesRead").asInt()).isEqualTo(11);
        assertThat(overview.path("workspaces").asInt()).isEqualTo(11);
        assertThat(overview.path("workspacesFailing").asInt()).isZero();
        assertThat(overview.path("workspacesStale").asInt()).isZero();
        assertThat(overview.path("maxSyncAge").asText()).isEqualTo("1h");

        JsonNode run = api().get("/api/sync/runs/" + first.id()).json();
        assertThat(run.path("inserted").asLong()).isEqualTo(1093);
        assertThat(run.path("workspacesComplete").asInt()).isEqualTo(11);
        assertThat(run.path("workspacesFailed")).isEmpty();
        assertThat(api().get("/api/sync/workspaces").json().path("workspaces")).allSatisfy(w -> assertThat(w.path("fresh").asBoolean()).isTrue());
    }

    @Test
    void theChecksAndTheConfigurationViewShowStateAndThresholdsButNeitherTokenNorWebhookUrl() {
        JsonNode checks = api().get("/api/sync/checks").json();
        assertThat(checks.path("status").asText()).isEqualTo("UP");
        List<String> names = new ArrayList<>();
        checks.path("checks").forEach(c -> names.add(c.path("name").asText() + "=" + c.path("state").asText()));
        assertThat(names).containsExactly("sync-age=UP", "failed-runs=UP", "account-drop=UP", "workspace-failures=UP");

        OpsHttp.Answer config = api().get("/api/ops/config");
        assertThat(config.json().path("thresholds").path("bison.health.max-sync-age").asText()).isEqualTo("1h");
        assertThat(config.json().path("thresholds").path("bison.health.max-consecutive-failed-runs").asInt()).isEqualTo(2);
        assertThat(config.json().path("notifier").path("webhookConfigured").asBoolean()).isTrue();
        assertThat(config.json().path("notifier").path("postRunSummaries").asBoolean()).isTrue();
        assertThat(config.json().path("manualTrigger").asBoolean()).isTrue();
        assertThat(config.body()).doesNotContain(TOKEN).doesNotContain(webhook().url()).doesNotContain("/hook");

        JsonNode progress = api().get("/api/sync/progress").json();
        assertThat(progress.path("running").asBoolean()).isFalse();
        assertThat(progress.path("instances")).extracting(i -> i.path("instance").asText()).containsExactly("Maverick", "Long Run", "Cobalt");
    }

    @Test
    void theExportsAreCsvWithAHeaderAndOneLinePerRunAndPerWorkspace() {
        OpsHttp.Answer runs = api().get("/api/sync/export/runs.csv");
        OpsHttp.Answer workspaces = api().get("/api/sync/export/workspaces.csv");

        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(runs.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"bison-sync-runs.csv\"");
        List<String> runLines = runs.body().lines().toList();
        assertThat(runLines.get(0)).startsWith("run_id,status,trigger,started_at,completed_at,duration_seconds,total_accounts_fetched");
        long runCount = db().count("SELECT count(*) FROM email_sync_logs");
        assertThat(runLines).hasSize((int) runCount + 1);
        assertThat(runLines).anyMatch(l -> l.startsWith(first.id() + ",success,manual,") && l.contains(",1093,11,"));

        List<String> wsLines = workspaces.body().lines().toList();
        assertThat(wsLines).hasSize(12);
        assertThat(wsLines).contains(wsLines.stream().filter(l -> l.startsWith("Maverick,") && l.contains(",Jason Binyon,433,433,29,433,complete,"))
                .findFirst().orElseThrow());
    }

    @Test
    void thePageAndItsFilesComeFromTheJarWithAPolicyThatAllowsOnlyThisServerAndNothingElseIsServed() {
        OpsHttp.Answer page = api().get("/");
        OpsHttp.Answer uplot = api().get("/ui/uPlot.min.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("script-src 'self'").contains("connect-src 'self'");
        assertThat(page.body()).contains("<title>bison-sync</title>").contains("src=\"/ui/uPlot.min.js\"").doesNotContain("https://");
        assertThat(uplot.status()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        assertThat(api().get("/ui/app.js").body()).doesNotContain("localStorage.set").doesNotContain("document.cookie =");
        for (String path : List.of("/ui/nothing.js", "/ui/../pom.xml", "/ui/%2e%2e/config/application.properties")) {
            assertThat(api().get(path).status()).as(path).isEqualTo(404);
        }
    }

    private static JsonNode find(JsonNode workspaces, String name) {
        for (JsonNode ws : workspaces) {
            if (name.equals(ws.path("workspace").asText())) {
                return ws;
            }
        }
        throw new AssertionError("no workspace " + name + " in " + workspaces);
    }
}
