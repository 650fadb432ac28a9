package io.bisonsync.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import org.junit.jupiter.api.Test;

/** Rows are written in batches of bison.sync.batch-size (500), and the remainder is flushed at the workspace's end. */
class BatchingTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER).workspace("Large Client", 740).build();
    }

    @Test
    void writesFullBatchesOf500AndFlushesTheRemainderDeterministically() {
        SyncRun run = runSync();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(db().row("SELECT batches, inserted, pages_fetched FROM email_sync_workspace_results WHERE run_id = ?", run.id()))
                .containsEntry("batches", 2).containsEntry("inserted", 740).containsEntry("pages_fetched", 50);
        HistogramSnapshot batches = context.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class)
                .registry().get("bison_sync_batch_rows").summary().takeSnapshot();
        assertThat(batches.count()).isEqualTo(2);
        assertThat(batches.total()).isEqualTo(740);
        assertThat(batches.max()).isEqualTo(500);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(740);
    }
}
