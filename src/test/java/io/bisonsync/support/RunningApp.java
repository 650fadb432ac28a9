package io.bisonsync.support;

import io.bisonsync.BisonSyncConfiguration;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The real application (config/application.properties, routes/, BisonSyncConfiguration) with the same swapped
 * edges as {@link SyncTestSupport}, for tests that do not run under JUnit Jupiter (jqwik properties).
 */
public final class RunningApp implements AutoCloseable {

    private final BisonSimulator simulator;
    private final Db db;
    private final Main main;
    private final ProducerTemplate template;

    private RunningApp(BisonSimulator simulator, Db db, Main main) {
        this.simulator = simulator;
        this.db = db;
        this.main = main;
        this.template = main.getCamelContext().createProducerTemplate();
    }

    public static RunningApp start(FleetSpec fleet, Properties extra) {
        return start(fleet, simulator -> extra);
    }

    /** As {@link #start(FleetSpec, Properties)}, with overrides that need the simulator (its keys, say). */
    public static RunningApp start(FleetSpec fleet, java.util.function.Function<BisonSimulator, Properties> extraOf) {
        return start(fleet, extraOf, db -> { });
    }

    /**
     * As {@link #start(FleetSpec, java.util.function.Function)}; {@code prepare} runs on the fresh database before the
     * application connects to it (a database setting, say).
     */
    public static RunningApp start(FleetSpec fleet, java.util.function.Function<BisonSimulator, Properties> extraOf,
                                   java.util.function.Consumer<Db> prepare) {
        Path keyDir;
        try {
            keyDir = Files.createTempDirectory("bison-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BisonSimulator simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(fleet).withKeyDir(keyDir));
        Db db = new Db(TestPostgres.newDatabase());
        prepare.accept(db);
        Properties overrides = SyncTestSupport.testOverrides(simulator, keyDir, db.url(), SyncTestSupport.freePort());
        overrides.putAll(extraOf.apply(simulator));
        Main main = new Main();
        main.configure().addConfiguration(BisonSyncConfiguration.class);
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        main.setOverrideProperties(overrides);
        try {
            main.start();
        } catch (Exception e) {
            simulator.close();
            throw new IllegalStateException("the application did not start", e);
        }
        return new RunningApp(simulator, db, main);
    }

    public BisonSimulator simulator() {
        return simulator;
    }

    public Db db() {
        return db;
    }

    /** Runs one sync through the application's direct entry and returns the finished run. */
    public SyncRun runSync() {
        return SyncTestSupport.runSync(template);
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            simulator.close();
        }
    }
}
