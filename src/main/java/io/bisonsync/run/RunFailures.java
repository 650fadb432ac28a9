package io.bisonsync.run;

import io.bisonsync.api.ApiRetryPolicy;
import io.bisonsync.api.Credential;
import io.bisonsync.errors.Errors;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.workspace.WorkspaceRun;
import org.apache.camel.Exchange;

/**
 * What the dead letters and doCatch blocks of the sync routes record: the run broke, the live view was not
 * refreshed, a lane's workspace list failed, a workspace failed or its result could not be stored, or the run
 * stopped before a workspace. A lost database stops the run, since every further workspace would fail the same way.
 */
public final class RunFailures {

    private final RunRecords records;
    private final SyncMetrics metrics;

    public RunFailures(RunRecords records, SyncMetrics metrics) {
        this.records = records;
        this.metrics = metrics;
    }

    /** doCatch of start-run / execute-run / close-run: the run itself broke (not one workspace). */
    public void broke(Exchange exchange) {
        run(exchange).broke(ApiRetryPolicy.cause(exchange));
    }

    public void viewRefreshFailed(Exchange exchange) {
        run(exchange).viewRefreshFailed(ApiRetryPolicy.cause(exchange));
    }

    /** Dead letter of a lane: its workspace list could not be read after retries. */
    public void listingFailed(Exchange exchange) {
        Credential credential = exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class);
        Throwable error = ApiRetryPolicy.cause(exchange);
        SyncRun.ListingFailure failure = new SyncRun.ListingFailure(credential.instance().name(), credential.keyLabel(),
                Errors.className(error), Errors.message(error));
        run(exchange).listingFailed(failure);
        metrics.listingFailed(credential.instance().name(), failure.workspaceName());
    }

    /** Dead letter of a workspace: marks it failed with the error that exhausted the retries. */
    public WorkspaceRun workspaceFailed(Exchange exchange) {
        WorkspaceRun ws = workspace(exchange);
        Throwable error = ApiRetryPolicy.cause(exchange);
        ws.failed(error);
        stopIfDatabaseLost(run(exchange), error);
        return ws;
    }

    /**
     * doCatch of record-workspace: its result row could not be stored (the database is failing). The run still
     * counts the workspace, failed unless it was already.
     */
    public void resultNotStored(Exchange exchange) {
        WorkspaceRun ws = workspace(exchange);
        Throwable error = ApiRetryPolicy.cause(exchange);
        if (ws.status() == null || ws.status().readInFull()) {
            ws.failed(error);
        }
        records.workspaceDone(run(exchange), ws);
        stopIfDatabaseLost(run(exchange), error);
    }

    /**
     * A planned workspace the run reaches after it stopped: recorded as not_read in the run; its result row is
     * written with the run's closing row ({@link RunRecords#notReadRows}), so a lost database costs one failing
     * statement, not one per workspace.
     */
    public void notRead(SyncRun run, WorkspaceRun ws) {
        run.cutShort();
        ws.notRead(run.stopReason());
        records.workspaceDone(run, ws);
    }

    private static void stopIfDatabaseLost(SyncRun run, Throwable error) {
        if (Errors.isDatabaseUnreachable(error)) {
            run.stop("database unreachable: " + Errors.message(error));
        }
    }

    private static SyncRun run(Exchange exchange) {
        return exchange.getProperty(SyncProperties.RUN, SyncRun.class);
    }

    private static WorkspaceRun workspace(Exchange exchange) {
        return exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
    }
}
