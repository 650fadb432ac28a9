package io.bisonsync.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz on the application's PostgreSQL: a clustered JDBC job store (JobStoreTX, PostgreSQLDelegate,
 * {@code isClustered}, instance id AUTO from {@link ProcessInstanceIdGenerator}) whose tables the Flyway migration
 * V5_1 creates. Every replica's scheduler shares the stored triggers, so each fire of {@code sync-schedule} (and of
 * the housekeeping) runs on exactly one live replica; a replica that dies leaves its triggers to the others.
 *
 * <p>How the stored trigger follows the configuration: at start-up camel-quartz compares the stored trigger's cron
 * with the route's ({@code bison.sync.cron}, or a literal in {@code routes/sync-schedule.camel.yaml}) and, when they
 * differ, reschedules the stored trigger with the new cron: the replica that starts last wins. A missed fire (every
 * replica down) is a Quartz misfire, and camel-quartz's cron policy ("fire once now") turns any number of missed
 * fires into one catch-up run.
 *
 * <p>A process without the schedule ({@code --once}, or {@code bison.sync.schedule-enabled = false}) keeps Quartz's
 * in-memory store: it never joins the cluster, so it never takes a fire it would not run.
 *
 * <p>The routes name a Quartz component of bison-sync's own ({@value #COMPONENT}) with schedulers of their own names,
 * so a host's {@code quartz} component and scheduler are never configured, shared or stopped by bison-sync.
 */
public final class ClusteredQuartz {

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredQuartz.class);

    /** The component the routes' {@code from} name (routes/sync-schedule.camel.yaml, housekeeping.camel.yaml). */
    public static final String COMPONENT = "bison-quartz";
    /** The scheduler name every replica shares (the SCHED_NAME of the QRTZ_ rows). */
    public static final String SCHEDULER_NAME = "bison-sync";
    /** A fire later than this is a misfire, handled by the trigger's policy (one catch-up run). */
    static final long MISFIRE_THRESHOLD_MS = 5_000;
    /** How often a replica checks in; a replica silent for about this plus 7.5 s is taken as dead. */
    static final long CHECKIN_INTERVAL_MS = 2_000;

    private ClusteredQuartz() {
    }

    /** Adds bison-sync's own Quartz component to {@code context}, configured before any route uses it. */
    public static QuartzComponent addTo(CamelContext context, DataSource dataSource, boolean clustered) {
        QuartzComponent quartz = new QuartzComponent();
        context.addComponent(COMPONENT, quartz);
        configure(quartz, dataSource, clustered);
        return quartz;
    }

    /** Configures the quartz component before any route uses it; with {@code clustered} false, an in-memory one. */
    static void configure(QuartzComponent quartz, DataSource dataSource, boolean clustered) {
        if (!clustered) {
            quartz.setProperties(inMemory());
            LOG.info("Quartz keeps its triggers in memory: the schedule is off in this process, which joins no cluster");
            return;
        }
        // Quartz looks data sources up by name in its own registry; one name per pool, so test contexts never mix
        String name = "bison-sync-" + Integer.toHexString(System.identityHashCode(dataSource));
        DBConnectionManager.getInstance().addConnectionProvider(name, new PoolConnections(dataSource));
        // Quartz hands out schedulers by name, per JVM: a JVM with several contexts (the tests) must not give this
        // context another one's scheduler, bound to another pool
        SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
        quartz.setPrefixInstanceName(false);
        quartz.setProperties(properties(name));
        // camel-quartz keeps a clustered scheduler running while it counts jobs; shut it down with the context,
        // before the pool closes, so it never outlives it (Quartz registers schedulers by name, per JVM)
        try {
            quartz.getCamelContext().addService(new SchedulerShutdown(quartz), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the Quartz scheduler's shutdown", e);
        }
        LOG.info("Quartz schedule clustered on PostgreSQL (tables qrtz_*) as instance {}: each fire runs on one replica",
                ProcessIdentity.current().instanceId());
    }

    /** A scheduler of its own name (never a host's default one) that keeps its triggers in memory. */
    static Map<String, String> inMemory() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME + "-memory");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.scheduler.jmx.export", "false");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }

    static Map<String, String> properties(String dataSourceName) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.instanceIdGenerator.class", ProcessInstanceIdGenerator.class.getName());
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        // Camel's management already shows the routes; a second MBean of the same name would clash in a JVM of tests
        p.put("org.quartz.scheduler.jmx.export", "false");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.dataSource", dataSourceName);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECKIN_INTERVAL_MS));
        p.put("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MS));
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Stops the scheduler when the Camel context stops. */
    private static final class SchedulerShutdown extends ServiceSupport {

        private final QuartzComponent quartz;

        SchedulerShutdown(QuartzComponent quartz) {
            this.quartz = quartz;
        }

        @Override
        protected void doStop() throws Exception {
            Scheduler scheduler = quartz.getScheduler();
            if (scheduler != null && !scheduler.isShutdown()) {
                scheduler.shutdown();
            }
        }
    }

    /** Quartz's view of the application's pool; the pool is closed by the application, not by Quartz. */
    private record PoolConnections(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to db.Database
        }

        @Override
        public void initialize() {
            // nothing to set up
        }
    }
}
