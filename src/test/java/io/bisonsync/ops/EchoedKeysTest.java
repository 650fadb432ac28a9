package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyEcho;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.ui.Browser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A hostile API echoes the key it refuses in every shape (401/403/422/500 JSON message, data.message, error, plain
 * text, a URL with userinfo, a 200 with success:false). After two runs, every output is searched for every planted
 * secret (each API key, the ops and read tokens, the database password, the webhook URL): the log at all levels, a
 * dump of every table, every GET the ops server serves, /observe/*, the monitoring page's DOM in Chromium, and the
 * webhook posts. None may hold one.
 */
class EchoedKeysTest extends SyncTestSupport {

    private static final String DB_PASSWORD = "Db-Pa55word-NeverShown";
    private static final String OPS_TOKEN = "ops-token-never-shown-19";
    private static final String READ_TOKEN = "read-token-never-shown-19";
    private static final String HOOK_SECRET = "T0HOOK/B0SECRET/xyzzyNeverShown";
    private static final List<KeyEcho> API_USER_ECHOES = List.of(KeyEcho.FORBIDDEN_403, KeyEcho.INVALID_422, KeyEcho.DATA_MESSAGE_500,
            KeyEcho.ERROR_FIELD_400, KeyEcho.PLAIN_TEXT_500, KeyEcho.URL_USERINFO_502, KeyEcho.SUCCESS_FALSE_200, KeyEcho.REVOKED_401);

    private int managementPort;

    @Override
    protected FleetSpec fleet() {
        FleetSpec.Builder fleet = FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 30).workspace("Beta", 20)
                .instance("long-run", "Long Run", KeyMode.API_USER);
        for (KeyEcho echo : API_USER_ECHOES) {
            fleet.workspace("Echo " + echo.name(), 10);
        }
        return fleet.workspace("Quiet", 10).build();
    }

    @Override
    protected void configure(Properties overrides) {
        managementPort = enableManagement(overrides);
        SimInstance maverick = simulator().instance("maverick");
        overrides.put("bison.instance.maverick.super-admin-key-file", "");
        overrides.put("bison.instance.maverick.super-admin-key", maverick.superAdminKey());
        overrides.put("bison.db.password", DB_PASSWORD);
        overrides.put("bison.ops.token", OPS_TOKEN);
        overrides.put("bison.ops.read-token", READ_TOKEN);
        overrides.put("bison.alerts.webhook-url", webhook().url() + "/" + HOOK_SECRET);
        overrides.put("bison.alerts.check-interval", "200ms");
        overrides.put("bison.alerts.post-run-summaries", "true");
        overrides.put("bison.health.max-consecutive-workspace-failures", "1");
        overrides.put("bison.http.max-retries", "1");
    }

    @Test
    void aKeyTheApiEchoesReachesNoOutput() throws Exception {
        SimInstance maverick = simulator().instance("maverick");
        SimInstance longRun = simulator().instance("long-run");
        simulator().faults().echoKey(maverick.workspace("Beta").scope(), KeyEcho.REVOKED_401);
        for (KeyEcho echo : API_USER_ECHOES) {
            simulator().faults().echoKey(longRun.workspace("Echo " + echo.name()).scope(), echo);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("super-admin key", secretPart(maverick.superAdminKey()));
        longRun.workspaces().forEach(w -> secrets.put("api-user key of " + w.name(), secretPart(longRun.apiUserKey(w.id()))));
        secrets.put("database password", DB_PASSWORD);
        secrets.put("ops token", OPS_TOKEN);
        secrets.put("read token", READ_TOKEN);
        secrets.put("webhook URL", HOOK_SECRET);

        Map<String, String> outputs = new LinkedHashMap<>();
        try (LogCapture capture = LogCapture.atDebug()) {
            assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);
            await().atMost(Duration.ofSeconds(30)).until(() -> webhook().delivered().stream().anyMatch(b -> b.contains("workspace-failures")));
            outputs.put("every ops GET", everyOpsGet());
            outputs.put("/observe/*", observe());
            outputs.put("the monitoring page's DOM", pageDom());
            outputs.put("every table", everyTable());
            outputs.put("the webhook posts", String.join("\n", webhook().delivered()));
            outputs.put("the log", capture.text());
        }

        List<String> hits = new ArrayList<>();
        outputs.forEach((output, text) -> secrets.forEach((secret, value) -> {
            if (text.contains(value)) {
                int at = text.indexOf(value);
                hits.add(secret + " in " + output + ": ..." + text.substring(Math.max(0, at - 120), at) + "<HERE>");
            }
        }));
        assertThat(hits).as("planted secrets found").isEmpty();
        // the echoes were answered, stored and shown: what reached the outputs is the API's text without the key
        assertThat(outputs.get("every table")).contains("Unauthenticated. Bearer <super-admin key of maverick> was revoked")
                .contains("<api-user key #").contains("suspended");
        assertThat(outputs.get("the webhook posts")).contains("FIRING");
    }

    private String everyOpsGet() {
        OpsHttp api = new OpsHttp(opsPort());
        long runId = ((Number) db().row("SELECT max(id) AS id FROM email_sync_logs").get("id")).longValue();
        long workspaceId = simulator().instance("long-run").workspace("Echo " + KeyEcho.REVOKED_401.name()).id();
        StringBuilder out = new StringBuilder();
        int gets = 0;
        for (Map.Entry<String, String> route : OpsRoutes.served(context).entrySet()) {
            if (!route.getValue().contains("GET")) {
                continue;
            }
            String path = route.getKey().replace("{id}", Long.toString(runId));
            if (path.endsWith("/history")) {
                path += "?instance=Long%20Run&workspaceId=" + workspaceId;
            }
            OpsHttp.Answer answer = api.get(path, "Bearer " + READ_TOKEN);
            // a prefix route (/ui) answers 404 for its bare path
            assertThat(answer.status()).as(path).isIn(200, 404);
            out.append(path).append(": ").append(answer.body()).append('\n');
            gets += answer.status() == 200 ? 1 : 0;
        }
        assertThat(gets).isGreaterThanOrEqualTo(12);
        return out.toString();
    }

    private String observe() {
        OpsHttp management = new OpsHttp(managementPort);
        StringBuilder out = new StringBuilder();
        for (String path : new String[] {"/observe/health", "/observe/health/ready", "/observe/health/live", "/observe/metrics", "/observe/info"}) {
            OpsHttp.Answer answer = management.get(path);
            out.append(path).append(" ").append(answer.status()).append(": ").append(answer.body()).append('\n');
        }
        assertThat(out).contains("/observe/health 503").contains("bison_sync_");
        return out.toString();
    }

    private String pageDom() {
        try (Browser browser = Browser.start()) {
            ChromeDriver chrome = (ChromeDriver) browser.driver();
            chrome.executeCdpCommand("Network.enable", Map.of());
            chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + READ_TOKEN)));
            chrome.get("http://127.0.0.1:" + opsPort() + "/");
            browser.await("the page loaded its data", d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
            browser.await("a row per workspace", d -> d.findElements(By.cssSelector("#workspaces tbody tr")).size() >= 2);
            return (String) chrome.executeScript("return document.documentElement.outerHTML + '\\n' + document.body.innerText");
        }
    }

    private String everyTable() {
        StringBuilder out = new StringBuilder();
        List<Map<String, Object>> tables = db().rows("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " UNION SELECT matviewname FROM pg_matviews WHERE schemaname = current_schema()");
        assertThat(tables).hasSizeGreaterThan(5);
        for (Map<String, Object> table : tables) {
            String name = (String) table.get("name");
            out.append(name).append(": ").append(db().rows("SELECT t::text AS row FROM \"" + name + "\" t")).append('\n');
        }
        return out.toString();
    }

    /** The part after "<n>|": what makes a key a secret (and the part an API is most likely to quote). */
    private static String secretPart(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
