package io.bisonsync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.api.ApiResponses;
import io.bisonsync.api.ApiRetryPolicy;
import io.bisonsync.api.BisonHttp;
import io.bisonsync.api.RequestPacer;
import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.InstanceSettings;
import io.bisonsync.config.Secrets;
import io.bisonsync.db.Database;
import io.bisonsync.db.SqlSettings;
import io.bisonsync.deletion.DeletionPolicy;
import io.bisonsync.deletion.MovedOut;
import io.bisonsync.deletion.WorkspaceDeletions;
import io.bisonsync.lane.LaneReader;
import io.bisonsync.lane.WorkspacePlanner;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.ops.CounterBaseline;
import io.bisonsync.ops.OpsAccess;
import io.bisonsync.ops.OpsApi;
import io.bisonsync.ops.OpsGate;
import io.bisonsync.ops.OpsHttpServer;
import io.bisonsync.ops.OpsMonitor;
import io.bisonsync.ops.OpsPage;
import io.bisonsync.ops.OpsRouteGate;
import io.bisonsync.ops.SyncSchedule;
import io.bisonsync.ops.alerts.AlertNotifier;
import io.bisonsync.ops.alerts.RunSummaries;
import io.bisonsync.ops.health.AccountDropCheck;
import io.bisonsync.ops.health.FailedRunsCheck;
import io.bisonsync.ops.health.HealthMetrics;
import io.bisonsync.ops.health.SyncAgeCheck;
import io.bisonsync.ops.health.SyncCheck;
import io.bisonsync.ops.health.WorkspaceFailuresCheck;
import io.bisonsync.run.ClusteredQuartz;
import io.bisonsync.run.GracefulShutdown;
import io.bisonsync.run.ProcessIdentity;
import io.bisonsync.run.RunFailures;
import io.bisonsync.run.RunGuard;
import io.bisonsync.run.RunLock;
import io.bisonsync.run.RunRecords;
import io.bisonsync.run.RunReport;
import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimulatorSettings;
import io.bisonsync.workspace.WorkspaceSteps;
import io.bisonsync.write.AccountBatches;
import io.bisonsync.write.StagingCopy;
import io.bisonsync.write.WorkspaceRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the application: validates the {@code bison.*} configuration, starts the simulator when enabled, opens
 * PostgreSQL (embedded when no URL is configured) and binds the small beans the YAML routes call. Everything is
 * bound once per context, here, so there is one pool and one simulator per context; the routes' own bean
 * ({@link BisonSync}, routes/bison-sync-beans.camel.yaml) calls the same wiring, so a context that has both is
 * wired once.
 */
public class BisonSyncConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BisonSyncConfiguration.class);

    /**
     * bison-sync's own pool, named in every {@code sql:} endpoint and health check: never a host's DataSource, and
     * never bound under a name a host's components pick up by default.
     */
    public static final String DATA_SOURCE = "bisonDataSource";

    @Override
    public void configure(CamelContext context) throws Exception {
        wire(context);
    }

    /** Wires {@code context} unless it already is (its {@link Database} is the mark). */
    static synchronized void wire(CamelContext context) throws Exception {
        if (context.hasService(Database.class) != null) {
            return;
        }
        PropertiesComponent properties = context.getPropertiesComponent();
        Properties raw = properties.loadProperties(key -> key.startsWith("bison."));
        BisonSettings configured = BisonSettings.load(raw.stringPropertyNames(), properties::resolveProperty);
        // the routes' {{bison.*}} placeholders see the documented defaults of keys a configuration leaves out
        BisonSettings.defaults().forEach((key, value) -> {
            if (!raw.containsKey(key)) {
                properties.addInitialProperty(key, value);
            }
        });
        BisonSettings settings = configured;
        if (configured.simulator().enabled()) {
            BisonSimulator simulator = startSimulator(configured.simulator());
            context.addService(new ClosingService("simulator", simulator), true, true);
            context.getRegistry().bind("bisonSimulator", simulator);
            List<InstanceSettings> resolved = configured.instances().stream()
                    .map(i -> configured.resolveKeyFiles(i, properties::resolveProperty)).toList();
            settings = configured.withInstances(resolved);
        }
        BisonSettings.Ops ops = BisonSettings.ops(properties::resolveProperty);
        // from here on, no text leaves the process with a configured secret in it (logs, rows, answers, posts)
        Secrets.remember(Secrets.of(settings, ops));
        Database database = new Database(settings);
        context.addService(database, true, true);
        Registry registry = context.getRegistry();
        registry.bind(DATA_SOURCE, database.open());
        // one run at a time across every process on this database, and the schedule clustered on it
        registry.bind("processIdentity", ProcessIdentity.current());
        registry.bind("runLock", new RunLock(database::connectOutsidePool, ProcessIdentity.current()));
        ClusteredQuartz.addTo(context, database.dataSource(), settings.sync().scheduleEnabled());
        bind(registry, settings, context);
        GracefulShutdown shutdown = new GracefulShutdown(registry.lookupByNameAndType("runGuard", RunGuard.class),
                registry.lookupByNameAndType("bisonHttp", BisonHttp.class), registry.lookupByNameAndType("requestPacer", RequestPacer.class),
                Duration.ofSeconds(properties.resolveProperty("camel.main.shutdown-timeout").map(Long::parseLong).orElse(30L)));
        context.getManagementStrategy().addEventNotifier(shutdown);
        Runtime.getRuntime().addShutdownHook(shutdown.hook());
        String mode = properties.resolveProperty(BisonSyncApp.MODE_PROPERTY).orElse("service");
        // before the operations' beans: the gate goes in front of bison-sync's own server too
        OpsHttpServer.ensure(context, ops.host(), ops.port());
        bindOperations(registry, settings, ops,
                BisonSettings.postRunSummaries(properties::resolveProperty), mode, context);
        configureHttp(context.getComponent("http", HttpComponent.class), settings.http());
        settings.instances().forEach(i -> LOG.info("Syncing {}", i));
    }

    private static void bind(Registry registry, BisonSettings settings, CamelContext context) {
        ObjectMapper mapper = new ObjectMapper();
        MeterRegistry meters = meterRegistry(registry);
        SyncMetrics metrics = new SyncMetrics(meters);
        RequestPacer pacer = new RequestPacer(settings.sync().pageDelay());
        ApiRetryPolicy retryPolicy = new ApiRetryPolicy(settings.http(), pacer, metrics);

        registry.bind("bisonSettings", settings);
        registry.bind("sqlSettings", SqlSettings.of(settings));
        registry.bind("syncMetrics", metrics);
        // the run (sync-run.camel.yaml)
        RunRecords records = new RunRecords(mapper, metrics);
        registry.bind("runGuard", new RunGuard(settings, metrics, registry.lookupByNameAndType("runLock", RunLock.class)));
        registry.bind("runRecords", records);
        registry.bind("runFailures", new RunFailures(records, metrics));
        registry.bind("runReport", new RunReport());
        registry.bind("laneReader", new LaneReader());
        // one request (call-bison)
        registry.bind("requestPacer", pacer);
        registry.bind("bisonHttp", new BisonHttp(settings.http().connectTimeout(), settings.http().readTimeout(),
                settings.http().maxResponseSize()));
        registry.bind("apiResponses", new ApiResponses(mapper, pacer, metrics));
        // lanes and workspaces (sync-workspace.camel.yaml, write-batches.camel.yaml)
        registry.bind("workspacePlanner", new WorkspacePlanner(settings.sync(), metrics));
        registry.bind("workspaceSteps", new WorkspaceSteps(metrics));
        registry.bind("workspaceRows", new WorkspaceRows());
        registry.bind("movedOut", new MovedOut(metrics, settings.sync().maxVerifications()));
        registry.bind("workspaceDeletions", new WorkspaceDeletions(new DeletionPolicy(settings.sync().massDropThreshold(),
                settings.sync().confirmDropOnNextRead(), settings.sync().maxVerifications())));
        registry.bind("accountBatches", new AccountBatches(settings.sync().batchSize()));
        registry.bind("stagingCopy", new StagingCopy(registry.lookupByNameAndType(DATA_SOURCE, DataSource.class)));
        // retries (errors.camel.yaml)
        registry.bind("apiRetryPolicy", retryPolicy);
        registry.bind("apiRetryDelay", retryPolicy.retryAfterDelay());
        registry.bind("apiRetryCounter", retryPolicy.countRetry());
        // threads: every instance at once, and at most bison.sync.max-parallel-lanes readers across them (sync-run.camel.yaml)
        registry.bind("instanceExecutor", context.getExecutorServiceManager()
                .newFixedThreadPool("sync-instances", "bison-instance", Math.max(1, settings.instances().size())));
        registry.bind("laneExecutor", context.getExecutorServiceManager()
                .newFixedThreadPool("sync-lanes", "bison-lane", settings.sync().maxParallelLanes()));
    }

    /**
     * The registry the business metrics join: the one /observe/metrics renders (camel-micrometer-prometheus binds it
     * when camel.metrics.enabled, before configuration classes run); else the host's own (Spring Boot's, which its
     * /actuator/prometheus renders); else one of our own.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        PrometheusMeterRegistry camel = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class);
        if (camel != null) {
            return camel;
        }
        Set<MeterRegistry> hosts = registry.findByType(MeterRegistry.class);
        if (hosts.size() == 1) {
            return hosts.iterator().next();
        }
        for (MeterRegistry host : hosts) {
            if (host instanceof CompositeMeterRegistry) {
                return host;
            }
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        return meters;
    }

    /** Health checks (the seed's four alerts), their gauges, the alert notifier and the ops API's beans. */
    private static void bindOperations(Registry registry, BisonSettings settings, BisonSettings.Ops ops, boolean postRunSummaries,
                                       String mode, CamelContext context) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        DataSource dataSource = registry.lookupByNameAndType(DATA_SOURCE, DataSource.class);
        RunGuard runs = registry.lookupByNameAndType("runGuard", RunGuard.class);
        MeterRegistry meters = meterRegistry(registry);
        CounterBaseline.register(meters, settings.instances().stream().map(InstanceSettings::name).toList());
        HealthMetrics healthMetrics = new HealthMetrics(meters, Clock.systemUTC(),
                registry.lookupByNameAndType("syncMetrics", SyncMetrics.class).workspaceLabels());
        BisonSettings.Health health = settings.health();
        List<SyncCheck> checks = List.of(
                new SyncAgeCheck(dataSource, healthMetrics, health.maxSyncAge()),
                new FailedRunsCheck(dataSource, healthMetrics, health.maxConsecutiveFailedRuns()),
                new AccountDropCheck(dataSource, healthMetrics, health.maxAccountDrop()),
                new WorkspaceFailuresCheck(dataSource, healthMetrics, health.maxConsecutiveWorkspaceFailures()));
        for (SyncCheck check : checks) {
            check.setCamelContext(context);
            // Camel's health registry picks up every HealthCheck bean
            registry.bind(check.getId() + "-health-check", check);
        }
        // one access rule in front of every route of the ops server (GET / of the page and the API alike)
        boolean server = OpsHttpServer.servedByVertx(context);
        int serverPort = context.getPropertiesComponent().resolveProperty("camel.server.port").map(p -> Integer.parseInt(p.strip()))
                .orElse(ops.port());
        if (server) {
            context.addStartupListener(new OpsGate(new OpsAccess(ops.token(), ops.readToken(), ops.host(), ops.allowedHosts()))
                    .installer(serverPort));
        } else {
            // another engine (Camel Spring Boot's): the same rule as a route configuration in front of every
            // platform-http route; its bind address is the host's (server.address), not bison.ops.host
            String bind = context.getPropertiesComponent().resolveProperty("server.address").orElse("");
            context.addRoutesConfigurations(new OpsRouteGate(new OpsAccess(ops.token(), ops.readToken(), bind, ops.allowedHosts())).routeConfiguration());
        }
        registry.bind("opsApi", new OpsApi(runs, mapper));
        registry.bind("syncSchedule", new SyncSchedule(context, runs, settings.sync().cron(), ProcessIdentity.current()));
        // a one-shot process (--once, --check) posts no alerts: it could only ever fire them, never clear them
        boolean service = "service".equals(mode);
        AlertNotifier notifier = new AlertNotifier(checks, service ? ops.webhookUrl() : null, "bison-sync", mapper);
        registry.bind("alertNotifier", notifier);
        RunSummaries summaries = new RunSummaries(ops.webhookUrl(), postRunSummaries, mapper);
        registry.bind("runSummaries", summaries);
        registry.bind("opsMonitor", new OpsMonitor(runs, checks, settings, ops, summaries.enabled(), notifier, meters, System::nanoTime,
                registry.lookupByNameAndType("requestPacer", RequestPacer.class)));
        registry.bind("opsPage", new OpsPage());
        if (!service) {
            LOG.info("Alert notifier off for {} (webhook {}); run summaries to the webhook {}", "--" + mode,
                    ops.webhookUrl() == null ? "not set" : "set", summaries.enabled() ? "on" : "off");
            return;
        }
        LOG.info("Monitoring page and ops API on {}; manual trigger POST /api/sync {}; GETs {}",
                ops.port() == 0 ? "a free port" : "http://localhost:" + ops.port() + "/",
                ops.token() == null ? "disabled (set bison.ops.token to enable it)" : "enabled (bearer token)",
                ops.readToken() == null ? "open (set bison.ops.read-token to require a token)" : "need the read token");
        LOG.info(notifier.enabled() ? "Alert notifier posts health check changes to the webhook (checked every {}){}"
                : "Alert notifier off: bison.alerts.webhook-url is not set (health checks still run every {}){}",
                ops.alertCheckInterval().toMillis() + " ms", summaries.enabled() ? "; run summaries posted too" : "");
    }

    private static void configureHttp(HttpComponent http, BisonSettings.Http settings) {
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setConnectionRequestTimeout(settings.connectTimeout().toMillis());
        http.setResponseTimeout(settings.readTimeout().toMillis());
        http.setSoTimeout(settings.readTimeout().toMillis());
        // retries are the routes' (routes/errors.camel.yaml), counted and bounded; the client's own 429/503
        // retries would hide them
        http.setAutomaticRetriesDisabled(true);
        http.setMaxTotalConnections(200);
        http.setConnectionsPerRoute(50);
    }

    private static BisonSimulator startSimulator(BisonSettings.Simulator s) {
        BisonSimulator simulator = BisonSimulator.start(new SimulatorSettings(s.port(), s.seed(), FleetSpec.demo(), s.keyDir(),
                s.latency(), s.rateLimitPerMinute(), s.keySeed()));
        LOG.info("Email Bison simulator (demo fleet, seed {}) serving on port {}; keys written to {}", s.seed(), simulator.port(),
                s.keyDir());
        return simulator;
    }
}
