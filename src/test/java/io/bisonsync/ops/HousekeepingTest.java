package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;

/** The daily housekeeping removes run logs older than bison.sync.log-retention (7 days here) and says how many. */
class HousekeepingTest extends SyncTestSupport {

    private static final String CRON = "0 15 3 * * ?";

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.log-retention", "7d");
        overrides.put("bison.sync.housekeeping-cron", CRON);
    }

    @Test
    void housekeepingRemovesRunsOlderThanTheRetentionWithTheirResultsAndLogsHowMany() {
        History history = new History(db());
        history.clear();
        long tenDays = history.run("success", Duration.ofDays(10));
        history.run("failed", Duration.ofDays(8));
        long threeDays = history.run("success", Duration.ofDays(3));
        long stillRunning = history.run("running", Duration.ofDays(9));
        db().execute("INSERT INTO email_sync_workspace_results (run_id, bison_instance, workspace_id, workspace_name, status)"
                + " VALUES (?, 'Maverick', 35, 'Acme Outreach', 'complete')", tenDays);

        try (LogCapture log = new LogCapture()) {
            template.sendBody("direct:housekeeping", null);

            assertThat(log.text()).contains("Housekeeping removed 2 sync log row(s) older than 7d, with their workspace results");
        }
        assertThat(db().rows("SELECT id FROM email_sync_logs ORDER BY id")).extracting(r -> ((Number) r.get("id")).longValue())
                .containsExactly(threeDays, stillRunning);
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE run_id = ?", tenDays)).isZero();
    }

    @Test
    void housekeepingIsScheduledOnTheConfiguredQuartzCron() throws Exception {
        QuartzEndpoint quartz = (QuartzEndpoint) context.getRoute("housekeeping-schedule").getEndpoint();

        CronTrigger trigger = (CronTrigger) quartz.getComponent().getScheduler().getTrigger(quartz.getTriggerKey());

        assertThat(trigger.getCronExpression()).isEqualTo(CRON);
        assertThat(trigger.getNextFireTime()).isEqualTo(new CronExpression(CRON).getNextValidTimeAfter(new Date()));
    }
}
