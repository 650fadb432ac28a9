package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.run.RunStatus;
import io.bisonsync.support.SyncTestSupport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * An instance whose server announces a limit (X-RateLimit-Limit) below the configured request budget is read at the
 * server's limit from its first answer on, through call-bison, and the monitoring page's budget says so; an instance
 * whose server announces nothing keeps its budget.
 */
class ServerRateLimitTest extends SyncTestSupport {

    private static final int CONFIGURED = 3_000;
    private static final int SERVER_LIMIT = 2_400;

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.http.requests-per-minute", Integer.toString(CONFIGURED));
    }

    private Map<String, Integer> budgets() {
        Map<String, Integer> budgets = new LinkedHashMap<>();
        for (JsonNode instance : new OpsHttp(opsPort()).get("/api/sync/progress").json().path("instances")) {
            budgets.put(instance.path("instance").asText(), instance.path("budgetPerMinute").asInt());
        }
        return budgets;
    }

    @Test
    void aServerLimitBelowTheBudgetBecomesTheInstancesBudgetAndOnlyThatInstances() {
        simulator().faults().rateLimit("maverick", SERVER_LIMIT);
        assertThat(budgets()).isEqualTo(Map.of("Maverick", CONFIGURED, "Long Run", CONFIGURED, "Cobalt", CONFIGURED));

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        assertThat(simulator().requests().count429("maverick")).as("429s").isZero();
        assertThat(budgets()).isEqualTo(Map.of("Maverick", SERVER_LIMIT, "Long Run", CONFIGURED, "Cobalt", CONFIGURED));
    }
}
