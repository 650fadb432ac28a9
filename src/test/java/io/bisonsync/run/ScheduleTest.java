package io.bisonsync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** The Quartz cron comes from configuration alone, and a trigger that fires during a run is skipped. */
class ScheduleTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER).workspace("Small Client", 30).build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.schedule-enabled", "true");
        overrides.put("bison.sync.cron", "0/1 * * * * ?"); // every second, instead of the default every 30 minutes
    }

    @Test
    void runsFireOnTheConfiguredCronAndNeverOverlap() throws Exception {
        // each run takes about 2 s (3 requests at 700 ms), so triggers every second must find one in progress
        simulator().faults().latency(Duration.ofMillis(700));
        NotifyBuilder triggers = new NotifyBuilder(context).fromRoute("sync-schedule").whenCompleted(6).create();
        // two closed runs at least, so that "never overlap" compares something
        NotifyBuilder twoRuns = new NotifyBuilder(context).fromRoute("sync-schedule").wereSentTo("direct:close-run")
                .whenCompleted(2).create();

        assertThat(triggers.matches(30, TimeUnit.SECONDS)).as("six scheduled triggers").isTrue();
        assertThat(twoRuns.matches(30, TimeUnit.SECONDS)).as("two scheduled runs closed").isTrue();
        context.getRouteController().stopRoute("sync-schedule");
        // the run the last trigger may have started is compared too
        assertThat(context.getRegistry().lookupByNameAndType("runGuard", RunGuard.class).awaitIdle(Duration.ofSeconds(30)))
                .as("the last scheduled run finished").isTrue();

        List<Map<String, Object>> runs = db().rows("SELECT trigger, started_at, completed_at FROM email_sync_logs"
                + " WHERE completed_at IS NOT NULL ORDER BY started_at");
        assertThat(runs).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r.get("trigger")).isEqualTo("schedule"));
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).as("some triggers were skipped").isLessThan(6);
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = instant(runs.get(i - 1).get("completed_at"));
            Instant start = instant(runs.get(i).get("started_at"));
            assertThat(start).as("run %d starts after run %d ended", i, i - 1).isAfterOrEqualTo(previousEnd);
        }
    }

    /** A timestamptz as the driver answers it (Spring hands over java.sql.Timestamp). */
    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime at ? at.toInstant() : ((Timestamp) value).toInstant();
    }
}
