package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** A workspace name with line breaks cannot forge a log line: the console layout writes CR and LF escaped. */
class LogInjectionTest extends SyncTestSupport {

    private static final String FORGED = "12:00:00.000 INFO  [main] close-run - Sync run 999 (manual) finished: SUCCESS";
    private static final String EVIL = "Evil\r\n" + FORGED;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER).workspace(EVIL, 20).workspace("Plain", 20).build();
    }

    @Test
    void aWorkspaceNameWithLineBreaksStaysOnItsLogLine() {
        simulator().faults().serverError(simulator().instance("long-run").workspace(EVIL).scope(), 2, 404, Faults.FOREVER);
        List<String> written = new CopyOnWriteArrayList<>();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        Configuration config = logging.getConfiguration();
        Layout<?> console = config.getAppender("console").getLayout();
        AbstractAppender asWritten = new AbstractAppender("as-written-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                written.add(console.toSerializable(event).toString());
            }
        };
        asWritten.start();
        config.getRootLogger().addAppender(asWritten, Level.ALL, null);
        logging.updateLoggers();
        try {
            assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);
        } finally {
            config.getRootLogger().removeAppender(asWritten.getName());
            logging.updateLoggers();
            asWritten.stop();
        }

        String output = String.join("", written);
        assertThat(output).contains("Evil\\r\\n" + FORGED); // the name is there, escaped
        assertThat(output.lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.lines()).anyMatch(line -> line.contains("close-run - Sync run") && line.contains("finished: PARTIAL"));
    }
}
