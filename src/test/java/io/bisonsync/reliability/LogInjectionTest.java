package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void aWorkspaceNameWithLineBreaksStaysOnItsLogLine() throws Exception {
        simulator().faults().serverError(simulator().instance("long-run").workspace(EVIL).scope(), 2, 404, Faults.FOREVER);
        List<String> written = new CopyOnWriteArrayList<>();
        try (AutoCloseable console = LogCapture.consoleAsWritten(written)) {
            assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);
        }

        String output = String.join("", written);
        assertThat(output).contains("Evil\\r\\n" + FORGED); // the name is there, escaped
        assertThat(output.lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.lines()).anyMatch(line -> line.contains("close-run - Sync run") && line.contains("finished: PARTIAL"));
    }
}
