package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FaultScope;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.Malformation;
import io.bisonsync.support.SyncTestSupport;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every API failure of the contract, injected by the simulator: retried where the contract says so, recorded
 * with a clear message otherwise, and never deleting a row that a complete read did not prove gone.
 */
class ApiFaultsTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 100).workspace("Beta", 60)
                .instance("long-run", "Long Run", KeyMode.API_USER).workspace("Gamma", 45)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.http.read-timeout", "1s");
        overrides.put("bison.http.max-retries", "2");
        overrides.put("bison.http.max-retry-after", "3s");
    }

    @BeforeEach
    void everythingWasSyncedOnce() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void a429IsWaitedForItsRetryAfterCountedAndTheWorkspaceCompletes() {
        double before = metric("bison_sync_rate_limited_total");
        simulator().faults().tooManyRequests(scope("maverick", "Alpha"), 2, 1, 1);

        SyncRun run = runSync();

        assertThat(result(run, "Alpha")).containsEntry("status", "complete").containsEntry("retries", 1)
                .containsEntry("accounts_read", simulator().instance("maverick").workspace("Alpha").size());
        assertThat(metric("bison_sync_rate_limited_total")).isEqualTo(before + 1);
    }

    @Test
    void a429AskingToWaitLongerThanTheMaximumFailsTheWorkspaceAndKeepsItsRows() {
        simulator().faults().tooManyRequests(scope("maverick", "Alpha"), 2, 30, Faults.FOREVER);

        SyncRun run = runAndAssertFailedAndKept("Alpha", "HTTP 429");
        assertThat(result(run, "Alpha")).containsEntry("retries", 0);
    }

    @Test
    void a403IsNotRetriedAndNamedInTheError() {
        simulator().faults().serverError(scope("maverick", "Beta"), 1, 403, Faults.FOREVER);

        SyncRun run = runAndAssertFailedAndKept("Beta", "HTTP 403");
        assertThat(result(run, "Beta")).containsEntry("retries", 0);
    }

    @Test
    void truncatedJsonFailsTheWorkspaceWithAClearMessage() {
        simulator().faults().malformed(scope("maverick", "Alpha"), 4, Malformation.TRUNCATED_JSON, Faults.FOREVER);

        runAndAssertFailedAndKept("Alpha", "page 4 of [Maverick] Alpha answered invalid or truncated JSON");
    }

    @Test
    void http200WithSuccessFalseIsAFailure() {
        simulator().faults().malformed(scope("long-run", "Gamma"), 2, Malformation.SUCCESS_FALSE, Faults.FOREVER);

        runAndAssertFailedAndKept("Gamma", "answered success:false");
    }

    @Test
    void aPageWithoutMetaOrLinksIsPagedByWhatRemains() {
        simulator().faults().malformed(scope("maverick", "Alpha"), 3, Malformation.MISSING_META, 1);
        simulator().faults().malformed(scope("maverick", "Beta"), 2, Malformation.MISSING_LINKS, 1);

        SyncRun run = runSync();

        assertThat(result(run, "Alpha")).containsEntry("status", "complete")
                .containsEntry("accounts_read", simulator().instance("maverick").workspace("Alpha").size());
        assertThat(result(run, "Beta")).containsEntry("status", "complete")
                .containsEntry("accounts_read", simulator().instance("maverick").workspace("Beta").size());
    }

    @Test
    void withoutMetaOnAnyPageTheTotalIsUnknownAndNothingIsDeleted() {
        var alpha = simulator().instance("maverick").workspace("Alpha");
        long before = cached("Alpha");
        alpha.removeAccount(alpha.accountIds().get(0));
        simulator().faults().malformed(alpha.scope(), Faults.ANY_PAGE, Malformation.MISSING_META, Faults.FOREVER);

        SyncRun run = runSync();

        assertThat(result(run, "Alpha")).containsEntry("status", "incomplete").containsEntry("deleted", 0);
        assertThat(cached("Alpha")).isEqualTo(before);
    }

    @Test
    void recordsWithoutIdOrEmailAreRejectedAndCountedWhileTheRestIsKept() {
        var gamma = simulator().instance("long-run").workspace("Gamma");
        long before = cached("Gamma");
        long changed = gamma.accountIds().get(20);
        gamma.updateField(changed, "daily_limit", 99);
        simulator().faults().malformed(gamma.scope(), 1, Malformation.RECORD_WITHOUT_ID, 1);
        simulator().faults().malformed(gamma.scope(), 2, Malformation.RECORD_WITHOUT_EMAIL, 1);

        SyncRun run = runSync();

        assertThat(result(run, "Gamma")).containsEntry("rejected", 2).containsEntry("status", "incomplete").containsEntry("deleted", 0);
        assertThat(cached("Gamma")).isEqualTo(before);
        assertThat(db().count("SELECT daily_limit FROM email_accounts_cache WHERE bison_id = ? AND bison_instance = 'Long Run'", changed))
                .isEqualTo(99);
    }

    @Test
    void aDuplicateIdAcrossPagesIsReadOnceAndBlocksDeletes() {
        long before = cached("Alpha");
        simulator().faults().malformed(scope("maverick", "Alpha"), 3, Malformation.DUPLICATE_FROM_PREVIOUS_PAGE, 1);

        SyncRun run = runSync();

        assertThat(result(run, "Alpha")).containsEntry("status", "incomplete").containsEntry("accounts_read", (int) before - 1)
                .containsEntry("deleted", 0);
        assertThat(cached("Alpha")).isEqualTo(before);
    }

    @Test
    void aRecordAddedWhilePagingIsStoredButTheReadIsNotComplete() {
        var gamma = simulator().instance("long-run").workspace("Gamma");
        long before = cached("Gamma");
        simulator().faults().addAfterPage(gamma.scope(), 1, 2);

        SyncRun run = runSync();

        assertThat(result(run, "Gamma")).containsEntry("status", "incomplete").containsEntry("deleted", 0).containsEntry("inserted", 2);
        assertThat(cached("Gamma")).isEqualTo(before + 2);
    }

    @Test
    void aPageThatNeverAnswersTimesOutIsRetriedThenFailsTheWorkspace() {
        simulator().faults().hang(scope("maverick", "Beta"), 2);

        SyncRun run = runAndAssertFailedAndKept("Beta", "no complete answer within");
        assertThat(result(run, "Beta")).containsEntry("retries", 2);
        assertThat(result(run, "Alpha")).containsEntry("status", "complete");
    }

    /** Runs a sync and asserts the workspace failed with the message and kept exactly the rows it had. */
    private SyncRun runAndAssertFailedAndKept(String workspace, String message) {
        long rows = cached(workspace);
        SyncRun run = runSync();
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        Map<String, Object> result = result(run, workspace);
        assertThat(result).containsEntry("status", "failed").containsEntry("deleted", 0);
        assertThat(result.get("error_message").toString()).contains(message);
        assertThat(cached(workspace)).isEqualTo(rows);
        return run;
    }

    private Map<String, Object> result(SyncRun run, String workspace) {
        return db().row("SELECT * FROM email_sync_workspace_results WHERE run_id = ? AND workspace_name = ?", run.id(), workspace);
    }

    private long cached(String workspace) {
        return db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_name = ?", workspace);
    }

    private FaultScope scope(String slug, String workspace) {
        return simulator().instance(slug).workspace(workspace).scope();
    }

    private double metric(String name) {
        var registry = context.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class).registry();
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
