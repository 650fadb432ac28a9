package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FaultScope;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * An Email Bison that answers in ways no honest server does: a body that trickles in one byte every 2 s, a page of
 * a megabyte, session cookies on every answer, garbled rate-limit headers. Each costs at most its own workspace.
 */
class HostileApiTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 40).workspace("Beta", 20)
                .instance("long-run", "Long Run", KeyMode.API_USER).workspace("Gamma", 20).workspace("Delta", 20)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.http.read-timeout", "2s");
        overrides.put("bison.http.max-retries", "1");
        overrides.put("bison.http.max-retry-after", "5s");
        overrides.put("bison.http.max-response-size", "64KB");
    }

    @Test
    void anAnswerTricklingInOneByteEveryTwoSecondsMissesTheDeadlineAndFailsOnlyItsWorkspace() {
        simulator().faults().trickle(scope("maverick", "Beta"), 1, Duration.ofSeconds(2));

        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        Map<String, Object> beta = result(run, "Beta");
        assertThat(beta).containsEntry("status", "failed").containsEntry("retries", 1);
        assertThat(beta.get("error_message").toString()).contains("no complete answer within 2 s");
        assertThat(result(run, "Alpha")).containsEntry("status", "complete");
        assertThat(result(run, "Gamma")).containsEntry("status", "complete");
    }

    @Test
    void anAnswerLargerThanTheMaximumResponseSizeIsRefusedWhileReadingAndNotRetried() {
        simulator().faults().oversized(scope("maverick", "Alpha"), 2, 1024 * 1024);

        SyncRun run = runSync();

        Map<String, Object> alpha = result(run, "Alpha");
        assertThat(alpha).containsEntry("status", "failed").containsEntry("retries", 0).containsEntry("error_class", "BisonApiException");
        assertThat(alpha.get("error_message").toString()).contains("more than 65536 bytes (bison.http.max-response-size)");
        assertThat(result(run, "Beta")).containsEntry("status", "complete");
    }

    @Test
    void sessionCookiesSetByTheApiAreNeverSentBack() {
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(simulator().requests().events()).isNotEmpty().extracting(RequestLog.Event::cookie).containsOnlyNulls();
    }

    @Test
    void aNonNumericRateLimitRemainingHeaderIsIgnored() {
        simulator().faults().header(FaultScope.global(), "X-RateLimit-Remaining", "unknown");

        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void anUnreadableOrNegativeRetryAfterIsToleratedAndTheRequestRetried() {
        simulator().faults().tooManyRequests(scope("long-run", "Gamma"), 1, 0, 1);
        simulator().faults().header(scope("long-run", "Gamma"), "Retry-After", "-5");
        simulator().faults().tooManyRequests(scope("long-run", "Delta"), 1, 0, 1);
        simulator().faults().header(scope("long-run", "Delta"), "Retry-After", "soon");

        SyncRun run = runSync();

        assertThat(result(run, "Gamma")).containsEntry("status", "complete").containsEntry("retries", 1);
        assertThat(result(run, "Delta")).containsEntry("status", "complete").containsEntry("retries", 1);
    }

    @Test
    void anOverflowingRetryAfterFailsItsWorkspaceAtOnceAndPausesNoOtherWorkspace() {
        simulator().faults().tooManyRequests(scope("long-run", "Gamma"), Faults.ANY_PAGE, 0, Faults.FOREVER);
        simulator().faults().header(scope("long-run", "Gamma"), "Retry-After", "99999999999999999999999");

        SyncRun run = runSync();

        Map<String, Object> gamma = result(run, "Gamma");
        assertThat(gamma).containsEntry("status", "failed").containsEntry("retries", 0);
        assertThat(gamma.get("error_message").toString()).contains("HTTP 429");
        assertThat(result(run, "Delta")).containsEntry("status", "complete").containsEntry("retries", 0);
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }

    private FaultScope scope(String slug, String workspace) {
        return simulator().instance(slug).workspace(workspace).scope();
    }
}
