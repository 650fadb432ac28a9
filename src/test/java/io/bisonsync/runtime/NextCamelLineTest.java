package io.bisonsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.CamelLine;
import io.bisonsync.support.ChildApplication;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sync on the next Camel line: the real application in its own JVM on Camel 4.22's core modules (resolved by
 * {@link CamelLine}) runs a super-admin lane and two parallel api-user lanes, workspaces of one to two batches (max-pages 50),
 * to the end. Camel's aggregate EIP, completing batches on the lanes' threads, parked every lane at its first batch
 * on 4.22 and the run never ended; the time limit turns such a hang into a failure. 4.22 serves no
 * camel-micrometer(-prometheus) nor camel-platform-http-main yet, so the child runs without Camel metrics, the HTTP
 * server and the ops API routes.
 */
class NextCamelLineTest extends SyncTestSupport {

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("agency", "Agency", KeyMode.SUPER_ADMIN)
                .workspace("Client 01", 740).workspace("Client 02", 620).workspace("Client 03", 501)
                .instance("crowd", "Crowd", KeyMode.API_USER)
                .workspace("Lane 01", 700).workspace("Lane 02", 745).workspace("Lane 03", 499)
                .build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.crowd.max-parallel", "2");
        overrides.put("camel.main.routes-exclude-pattern", "**/ops-*.camel.yaml");
        overrides.put("camel.metrics.enabled", "false");
        overrides.put("camel.server.enabled", "false");
    }

    @Test
    void aRunOnCamel422ReadsEveryLaneToTheEnd() throws Exception {
        String classpath = CamelLine.classpath("4.22");
        ChildApplication version = startChild(classpath, new Properties(), List.of(), "--version");
        assertThat(version.process().waitFor(60, TimeUnit.SECONDS)).as("--version ended").isTrue();
        assertThat(version.output()).as("the child's Camel").contains("Apache Camel 4.22.");

        ChildApplication once = startChild(classpath, useOverridePropertiesWithPropertiesComponent(), List.of(), "--once");

        assertThat(once.process().waitFor(4, TimeUnit.MINUTES)).as("the run ended; its output:%n%s", once.output()).isTrue();
        assertThat(once.process().exitValue()).as("exit code of --once (0 = success); output:%n%s", once.output()).isZero();
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE status = 'complete'")).isEqualTo(6);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo(fleet().totalAccounts());
    }
}
