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
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the application shows to whom: both HTTP servers answer only on loopback by default, GETs need the read
 * token once one is set, a POST's body is not even parsed before its token is checked, and the health endpoint
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

    @Test
    void withAReadTokenEveryGetNeedsItOrTheOpsToken() {
        for (String path : new String[] {"/api/sync/health", "/api/sync/runs", "/api/sync/runs/1", "/api/sync/schedule",
            "/api/accounts/summary"}) {
            OpsHttp.Answer anonymous = api().get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.json().path("error").asText()).contains("bison.ops.read-token").doesNotContain(READ_TOKEN);
            assertThat(api().get(path, "Bearer wrong").status()).as(path).isEqualTo(401);
        }
        assertThat(api().get("/api/sync/health", "Bearer " + READ_TOKEN).status()).isEqualTo(200);
        assertThat(api().get("/api/sync/schedule", "Bearer " + OPS_TOKEN).status()).isEqualTo(200);
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
