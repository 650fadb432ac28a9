package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.ops.alerts.AlertNotifier;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import io.bisonsync.support.LogCapture;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the application shows to whom: both HTTP servers answer only on loopback by default, and only requests that
 * name localhost; every route needs its token once one is set, a POST's body is not even parsed before its token is
 * checked, bad requests get one short answer and no stack trace, and the health endpoint
 * answers from the last check, with errors reduced to a class and a short message.
 */
class ExposureTest extends SyncTestSupport {

    private static final String READ_TOKEN = "read-token-for-exposure-test";
    private static final String OPS_TOKEN = "ops-token-for-exposure-test";
    private int managementPort;

    @Override
    protected void configure(Properties overrides) {
        managementPort = enableManagement(overrides);
        overrides.put("bison.ops.read-token", READ_TOKEN);
        overrides.put("bison.ops.token", OPS_TOKEN);
    }

    private OpsHttp api() {
        return new OpsHttp(opsPort());
    }

    @Test
    void theOpsApiAndTheManagementServerAnswerOnlyOnLoopbackByDefault() throws IOException {
        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");

        for (int port : new int[] {opsPort(), managementPort}) {
            try (Socket ok = new Socket()) {
                ok.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
            assertThatThrownBy(() -> {
                try (Socket refused = new Socket()) {
                    refused.connect(new InetSocketAddress(external.get(), port), 2000);
                }
            }).as("port %d on %s", port, external.get()).isInstanceOf(IOException.class);
        }
    }

    /**
     * The routes are read from the running context, not listed here: a route added later is tried too. Each one
     * refuses a missing token, a wrong one, and the right one sent as a query or form parameter (which platform-http
     * copies into the Camel headers); only the monitoring page's static files are served without one.
     */
    @Test
    void everyRouteTheOpsServerServesRefusesAMissingWrongOrQueryStringToken() {
        Map<String, String> served = OpsRoutes.served(context);
        assertThat(served).as("the ops server's routes").hasSizeGreaterThanOrEqualTo(14);
        int pageFiles = 0;
        for (Map.Entry<String, String> route : served.entrySet()) {
            String path = route.getKey().replaceAll("\\{[^}]+}", "1");
            for (String method : route.getValue().split(",")) {
                boolean read = method.equals("GET") || method.equals("HEAD");
                String token = read ? READ_TOKEN : OPS_TOKEN;
                String what = method + " " + path;
                if (read && OpsPage.isPageFile(path)) {
                    assertThat(api().raw(method, path, Map.of(), null).status()).as(what + " (a static file of the page)").isEqualTo(200);
                    pageFiles++;
                    continue;
                }
                String body = read ? null : "{}";
                assertThat(api().raw(method, path, Map.of(), body).status()).as(what + " without a token").isEqualTo(401);
                assertThat(api().raw(method, path, Map.of("Authorization", "Bearer wrong"), body).status()).as(what + " wrong token").isEqualTo(401);
                assertThat(api().raw(method, path + "?Authorization=Bearer%20" + token, Map.of(), body).status())
                        .as(what + " token in the query string").isEqualTo(401);
                assertThat(api().raw(method, path + "?access_token=" + token, Map.of(), body).status()).as(what + " access_token").isEqualTo(401);
                if (!read) {
                    assertThat(api().raw(method, path, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                            "Authorization=Bearer+" + token).status()).as(what + " token in a form field").isEqualTo(401);
                } else {
                    assertThat(api().raw(method, path, Map.of("Authorization", "Bearer " + READ_TOKEN), null).status())
                            .as(what + " with the read token").isNotIn(401, 403, 421);
                }
            }
        }
        assertThat(pageFiles).as("GET / is a page file with a route of its own").isGreaterThanOrEqualTo(1);
    }

    @Test
    void onALoopbackBindOnlyRequestsNamingLocalhostAreAnswered() {
        Map<String, String> token = Map.of("Authorization", "Bearer " + READ_TOKEN);
        for (String host : new String[] {"localhost:" + opsPort(), "127.0.0.1:" + opsPort(), "[::1]:" + opsPort()}) {
            assertThat(api().raw("GET", "/api/sync/health", withHost(token, host), null).status()).as(host).isEqualTo(200);
        }
        for (String host : new String[] {"evil.example", "evil.example:" + opsPort(), "127.0.0.1.nip.io:" + opsPort()}) {
            assertThat(api().raw("GET", "/api/sync/health", withHost(token, host), null).status()).as(host).isEqualTo(421);
            assertThat(api().raw("GET", "/", withHost(Map.of(), host), null).status()).as("the page for " + host).isEqualTo(421);
        }
    }

    @Test
    void aTooLargeFormIsRefusedWithoutAStackTraceWithOrWithoutAToken() {
        String form = "a=" + "x".repeat(9 * 1024);
        Map<String, String> urlencoded = Map.of("Content-Type", "application/x-www-form-urlencoded");
        try (LogCapture capture = new LogCapture()) {
            for (int i = 0; i < 10; i++) {
                assertThat(api().raw("POST", "/api/sync/held/confirm", urlencoded, form).status()).isIn(400, 401, 413);
            }
            assertThat(capture.lines()).noneMatch(LogCapture.Line::hasStackTrace);
            assertThat(capture.lines().size()).as("at most one line per request: " + capture.text()).isLessThanOrEqualTo(10);
            Map<String, String> withToken = new java.util.HashMap<>(urlencoded);
            withToken.put("Authorization", "Bearer " + OPS_TOKEN);
            assertThat(api().raw("POST", "/api/sync/held/confirm", withToken, form).status()).isEqualTo(413);
            assertThat(capture.lines()).noneMatch(LogCapture.Line::hasStackTrace);
        }
    }

    @Test
    void aHeldConfirmationTakesOnlyAWholeWorkspaceIdThatFits() {
        for (String id : new String[] {"141.999", "18446744073709551617", "1e3", "\"141\"", "141.0"}) {
            OpsHttp.Answer answer = api().post("/api/sync/held/confirm", "Bearer " + OPS_TOKEN,
                    "{\"instance\": \"Maverick\", \"workspaceId\": " + id + "}");
            assertThat(answer.status()).as(id).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).contains("whole number");
        }
    }

    private static Map<String, String> withHost(Map<String, String> headers, String host) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Host", host);
        return all;
    }

    @Test
    void aPostBodyIsReadOnlyAfterItsTokenWasChecked() {
        String broken = "{\"instance\": [[[[ not json";

        OpsHttp.Answer anonymous = api().post("/api/sync/held/confirm", null, broken);
        assertThat(anonymous.status()).as("refused for the token, not for the body").isEqualTo(401);
        assertThat(anonymous.json().path("error").asText()).contains("missing bearer token");

        OpsHttp.Answer authorized = api().post("/api/sync/held/confirm", "Bearer " + OPS_TOKEN, broken);
        assertThat(authorized.status()).isEqualTo(400);
        assertThat(authorized.json().path("error").asText()).contains("send {\"instance\"");
        assertThat(api().post("/api/sync/held/confirm", "Bearer " + OPS_TOKEN, "{\"instance\": \"Maverick\", \"workspaceId\": 99}")
                .status()).isEqualTo(404);
    }

    @Test
    void healthAnswersTheLastCheckWithoutReadingTheDatabaseAndRedactsWhatWentWrong() {
        refreshChecks();
        db().execute("ALTER TABLE email_sync_logs RENAME TO email_sync_logs_gone");
        try {
            OpsHttp.Answer cached = new OpsHttp(managementPort).get("/observe/health");
            assertThat(cached.status()).as("answered from the last check: no query ran").isEqualTo(200);

            refreshChecks();
            OpsHttp.Answer down = new OpsHttp(managementPort).get("/observe/health");
            assertThat(down.status()).isEqualTo(503);
            JsonNode failedRuns = check(down, "failed-runs");
            assertThat(failedRuns.path("message").asText()).startsWith("cannot read the sync history from PostgreSQL: PSQLException: ")
                    .contains("SQLState 42P01");
            assertThat(down.body()).doesNotContain("localhost").doesNotContain("127.0.0.1").doesNotContain("at org.")
                    .doesNotContain("stackTrace").doesNotContain("Position");
        } finally {
            db().execute("ALTER TABLE email_sync_logs_gone RENAME TO email_sync_logs");
            refreshChecks();
        }
    }

    private void refreshChecks() {
        context.getRegistry().lookupByNameAndType("alertNotifier", AlertNotifier.class).changes();
    }

    private static JsonNode check(OpsHttp.Answer health, String name) {
        for (JsonNode c : health.json().path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
