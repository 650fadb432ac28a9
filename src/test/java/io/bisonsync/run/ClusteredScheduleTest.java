package io.bisonsync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.time.ZonedDateTime;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;

/**
 * With the schedule on, Quartz keeps its triggers in PostgreSQL as a member of the cluster, and fires that were
 * missed while no replica ran come back as one catch-up run, not a burst.
 */
class ClusteredScheduleTest extends SyncTestSupport {

    /** Once a year: no regular fire can happen during the test. */
    private static final String YEARLY = "0 0 0 1 1 ?";

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER).workspace("Small Client", 15).build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.schedule-enabled", "true");
        overrides.put("bison.sync.cron", YEARLY);
    }

    @Test
    void theScheduleIsStoredInPostgreSqlAndThisProcessIsAClusterMemberUnderItsInstanceId() throws Exception {
        assertThat(context.getComponent(ClusteredQuartz.COMPONENT, QuartzComponent.class).isClustered()).isTrue();
        assertThat(db().row("SELECT sched_name, trigger_state FROM qrtz_triggers WHERE trigger_name = 'sync-schedule'"))
                .containsEntry("sched_name", ClusteredQuartz.SCHEDULER_NAME);
        assertThat(db().row("SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'sync-schedule'"))
                .containsEntry("cron_expression", YEARLY);
        assertThat(db().count("SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name = ?",
                ProcessIdentity.current().instanceId())).isEqualTo(1);
    }

    @Test
    void aHostsQuartzComponentIsLeftAlone() {
        // bison-sync's schedule runs on a component of its own: a host's quartz component is never created,
        // configured onto bison-sync's job store, or shut down by it
        assertThat(context.hasComponent("quartz")).isNull();
        assertThat(context.getRoute("sync-schedule").getEndpoint().getEndpointUri()).startsWith(ClusteredQuartz.COMPONENT + ":");
    }

    @Test
    void threeYearsOfMissedFiresGiveOneCatchUpRunNotABurst() {
        long threeYearsAgo = ZonedDateTime.now().minusYears(3).toInstant().toEpochMilli();
        NotifyBuilder fired = new NotifyBuilder(context).fromRoute("sync-schedule").whenCompleted(1).create();

        // what the stored trigger looks like after every replica was down for three years: its next fire long past
        assertThat(db().count("UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_name = 'sync-schedule'"
                + " AND trigger_state = 'WAITING' RETURNING 1", threeYearsAgo)).isEqualTo(1);

        assertThat(fired.matches(60, TimeUnit.SECONDS)).as("the missed fires were noticed").isTrue();
        assertThat(db().count("SELECT count(*) FROM email_sync_logs WHERE trigger = 'schedule'")).isEqualTo(1);
        // nothing of the missed fires is left to fire: the next one is the next regular one, a year ahead at most
        assertThat(db().count("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = 'sync-schedule'"))
                .isGreaterThan(System.currentTimeMillis());
    }
}
