package io.bisonsync.support;

import io.bisonsync.BisonSyncConfiguration;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Boots the real application (config/application.properties, routes/*.camel.yaml, BisonSyncConfiguration) once
 * per test class and swaps only its edges: Email Bison is a simulator started here with the class's fleet,
 * PostgreSQL is a fresh database on a real server, and the schedule is off (tests call {@link #runSync()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SyncTestSupport extends CamelMainTestSupport {

    // no field initializers: CamelTestSupport reads the overrides from its constructor, before they would run
    private BisonSimulator simulator;
    private WebhookReceiver webhook;
    private final List<ChildApplication> children = new ArrayList<>();
    private Db db;
    private Path keyDir;
    private int opsPort;

    /** The simulator of this test class, started on first use. */
    protected BisonSimulator simulator() {
        if (simulator == null) {
            try {
                keyDir = Files.createTempDirectory("bison-keys");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(fleet()).withKeyDir(keyDir), simulatorClock());
        }
        return simulator;
    }

    /** The port of this test class's ops API (bison.ops.port), free when the class starts. */
    protected int opsPort() {
        if (opsPort == 0) {
            opsPort = freePort();
        }
        return opsPort;
    }

    /** Turns the management server (/observe/health, /observe/metrics) on, on a free port, and returns the port. */
    protected static int enableManagement(Properties overrides) {
        int port = freePort();
        overrides.put("camel.management.enabled", "true");
        overrides.put("camel.management.port", Integer.toString(port));
        return port;
    }

    /** A TCP port that is free now, for a server a test starts (management server, webhook receiver). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clock of the simulator's request log and rate window; a test may run it faster than real time. */
    protected Clock simulatorClock() {
        return Clock.systemUTC();
    }

    /** The fresh database of this test class. */
    protected Db db() {
        if (db == null) {
            db = new Db(TestPostgres.newDatabase());
        }
        return db;
    }

    /** The simulated instances; the demo fleet unless a test needs another. */
    protected FleetSpec fleet() {
        return FleetSpec.demo();
    }

    /** Extra property overrides of a test class. */
    protected void configure(Properties overrides) {
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(BisonSyncConfiguration.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = testOverrides(simulator(), keyDir, db().url(), opsPort());
        configure(p);
        return p;
    }

    /**
     * The edges every test swaps: the simulator's instances and key files, a test database, no schedule, no
     * pacing, short retry delays, no management server.
     */
    public static Properties testOverrides(BisonSimulator simulator, Path keyDir, String dbUrl, int opsPort) {
        Properties p = new Properties();
        p.put("bison.simulator.enabled", "false");
        p.put("bison.db.url", dbUrl);
        p.put("bison.db.user", "postgres");
        p.put("bison.sync.schedule-enabled", "false");
        p.put("bison.sync.run-on-startup", "false");
        p.put("bison.http.requests-per-minute", "0"); // no pacing in tests, except where a test sets a budget
        p.put("bison.sync.page-delay", "0ms");
        p.put("bison.http.retry-delay", "10ms");
        p.put("bison.http.read-timeout", "3s");
        p.put("camel.management.enabled", "false");
        p.put("bison.ops.port", Integer.toString(opsPort));
        StringBuilder ids = new StringBuilder();
        for (SimInstance instance : simulator.instances()) {
            String prefix = "bison.instance." + instance.slug() + ".";
            ids.append(ids.length() == 0 ? "" : ",").append(instance.slug());
            p.put(prefix + "name", instance.name());
            p.put(prefix + "base-url", simulator.baseUrl(instance.slug()));
            KeyMode mode = instance.keyMode();
            p.put(prefix + "super-admin-key-file", mode.superAdminKey() ? keyDir.resolve(instance.slug() + ".key").toString() : "");
            p.put(prefix + "api-user-key-files", mode == KeyMode.SUPER_ADMIN ? "" : keyDir.resolve(instance.slug() + "-*.key").toString());
        }
        p.put("bison.instances", ids.toString());
        switchOffUnlistedInstances(p);
        return p;
    }

    /** The shipped file's instance blocks that the test does not list are emptied (an unlisted block is an error). */
    private static void switchOffUnlistedInstances(Properties p) {
        java.util.List<String> listed = java.util.Arrays.asList(p.getProperty("bison.instances").split("\\s*,\\s*"));
        Properties shipped = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : shipped.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (key.startsWith("bison.instance.") && parts.length > 3 && !listed.contains(parts[2]) && !p.containsKey(key)) {
                p.put(key, "");
            }
        }
    }

    /** Runs one sync through the application's direct entry and returns the finished run. */
    protected SyncRun runSync() {
        return runSync(template);
    }

    /** Runs one sync through {@code direct:sync-run} of the application behind {@code template}. */
    static SyncRun runSync(ProducerTemplate template) {
        Exchange exchange = template.send("direct:sync-run", e -> e.getMessage().setHeader("bisonTrigger", "manual"));
        if (exchange.getException() != null) {
            throw new AssertionError("sync-run failed", exchange.getException());
        }
        return exchange.getProperty(SyncProperties.RUN, SyncRun.class);
    }

    /**
     * This test's application in a child JVM (configuration file plus {@code configuration}), e.g. to kill it with
     * SIGKILL; killed after the test if it still runs.
     */
    protected ChildApplication startChild(Properties configuration, List<String> jvmOptions, String... args) {
        return startChild(System.getProperty("java.class.path"), configuration, jvmOptions, args);
    }

    /** As {@link #startChild(Properties, List, String...)}, on another classpath (e.g. {@link CamelLine}'s). */
    protected ChildApplication startChild(String classpath, Properties configuration, List<String> jvmOptions, String... args) {
        ChildApplication child = ChildApplication.start(classpath, configuration, jvmOptions, Map.of(), args);
        children.add(child);
        return child;
    }

    /** Nothing a test started or injected outlives it: its child JVMs are killed and the simulator's faults cleared. */
    @AfterEach
    void cleanUpAfterTest() {
        children.forEach(ChildApplication::close);
        children.clear();
        if (simulator != null) {
            simulator.faults().reset();
        }
    }

    /**
     * A Slack-style webhook receiver for this test class, started on first use (configure() already runs in the
     * constructor) and stopped after the class.
     */
    protected WebhookReceiver webhook() {
        if (webhook == null) {
            webhook = new WebhookReceiver();
        }
        return webhook;
    }

    @AfterAll
    void stopSimulator() {
        simulator().close();
        if (webhook != null) {
            webhook.close();
        }
    }
}
