package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Workspace names are the API's text and reach every output: each output escapes them for where they go. Slack
 * markup in a webhook post, control and bidi characters on the console and in metric labels, a line break in the
 * close-run report (which is logged line by line), a formula in a CSV export.
 */
class HostileTextTest extends SyncTestSupport {

    private static final String SLACK = "<!channel> <http://evil.example|click here> & co";
    private static final String ANSI = "Esc\u001B[2J\u0007\u009B31m\u202Eexe.txt";
    private static final String FORGED = "12:00:00.000 INFO  close-run - Sync run 999 (manual) finished: SUCCESS";
    private static final String LINE_BREAK = "Evil\n" + FORGED;
    private static final String FORMULA = "\t=HYPERLINK(\"http://evil.example\")";


    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder().instance("long-run", "Long Run", KeyMode.API_USER)
                .workspace(SLACK, 20).workspace(ANSI, 20).workspace(LINE_BREAK, 20).workspace(FORMULA, 20).build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.alerts.webhook-url", webhook().url());
        overrides.put("bison.alerts.post-run-summaries", "true");
        overrides.put("bison.http.max-retries", "0");
    }

    @Test
    void everyOutputEscapesWorkspaceNamesForWhereTheyGo() {
        SimInstance longRun = simulator().instance("long-run");
        for (String name : new String[] {SLACK, ANSI, LINE_BREAK}) {
            simulator().faults().serverError(longRun.workspace(name).scope(), 1, 500, Faults.FOREVER);
        }
        List<String> console = new CopyOnWriteArrayList<>();
        List<LogCapture.Line> lines;
        try (LogCapture capture = new LogCapture(); AutoCloseable ignored = LogCapture.consoleAsWritten(console)) {
            assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);
            lines = capture.lines();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook().delivered().stream().anyMatch(b -> b.contains("not complete")));
        String written = String.join("", console);
        String metrics = ((PrometheusMeterRegistry) context.getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class)
                .registry()).scrape();
        String posts = String.join("\n", webhook().delivered());
        String csv = new OpsHttp(opsPort()).get("/api/sync/export/workspaces.csv").body();

        // each output on its own, so that one run shows every output that does not escape
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(lines).as("close-run report: no record starts with the forged text")
                    .noneMatch(l -> l.message().stripLeading().startsWith(FORGED));
            soft.assertThat(lines).as("close-run report: the name, escaped, on its workspace's line")
                    .anyMatch(l -> l.message().contains("Evil\\n" + FORGED));
            soft.assertThat(written).as("console").contains("Esc").doesNotContain("\u001B").doesNotContain("\u0007")
                    .doesNotContain("\u009B").doesNotContain("\u202E");
            soft.assertThat(metrics).as("metric labels").contains("Esc").doesNotContain("\u001B").doesNotContain("\u202E")
                    .doesNotContain("Evil\n");
            soft.assertThat(posts).as("webhook posts").contains("&lt;!channel&gt; &lt;http://evil.example|click here&gt; &amp; co")
                    .doesNotContain("<!channel>").doesNotContain("<http://").doesNotContain("\u001B");
            soft.assertThat(csv).as("CSV export").contains("'\t=HYPERLINK").doesNotContain(",\t=HYPERLINK")
                    .doesNotContain(",\"\t=HYPERLINK");
        });
    }

    /** Every event as the console appender writes it (its layout), until closed. */
}
