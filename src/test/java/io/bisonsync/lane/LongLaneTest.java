package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.support.ChildApplication;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An agency's super-admin key reads 50 clients of 6,000 accounts one after another, 20,000 pages in one lane, on a
 * 256 KB thread stack: the real application in its own JVM. Nothing may grow the lane's stack per page or per
 * workspace: Camel's aggregate EIP, completing batches on the lane's thread, nested the rest of the lane one level
 * deeper per batch, and the lane died of StackOverflowError after about 2,000 pages (and the run could then hang,
 * which the time limit turns into a failure).
 *
 * <p>Tagged {@code long} (about 2 to 5 minutes on 2 cores), so the suite stays under 15 minutes; run it with
 * {@code mvn -B -ntp test -Dtest=LongLaneTest -Dsurefire.excludedGroups=none}.
 */
@Tag("long")
class LongLaneTest extends SyncTestSupport {

    private static final int WORKSPACES = 50;
    private static final int ACCOUNTS = 6_000;
    private static final int PAGES = WORKSPACES * ACCOUNTS / 15;

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.agency(WORKSPACES, ACCOUNTS);
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.sync.max-pages", Integer.toString(ACCOUNTS / 15));
        // the lane's length is the point, not its speed on a busy machine
        overrides.put("bison.sync.workspace-timeout", "10m");
    }

    @Test
    void aSuperAdminLaneOfTwentyThousandPagesRunsOnASmallThreadStack() throws Exception {
        ChildApplication child = startChild(useOverridePropertiesWithPropertiesComponent(), List.of("-Xss256k"), "--once");

        assertThat(child.process().waitFor(20, TimeUnit.MINUTES)).as("the run ended").isTrue();
        assertThat(child.output()).doesNotContain("StackOverflowError");
        assertThat(child.process().exitValue()).as("exit code of --once (0 = success)").isZero();
        assertThat(db().count("SELECT count(*) FROM email_sync_workspace_results WHERE status = 'complete'")).isEqualTo(WORKSPACES);
        assertThat(db().count("SELECT sum(pages_fetched) FROM email_sync_workspace_results")).isEqualTo(PAGES);
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache")).isEqualTo((long) WORKSPACES * ACCOUNTS);
    }
}
