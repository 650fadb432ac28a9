package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.run.RunStatus;
import io.bisonsync.support.LogCapture;
import io.bisonsync.support.SyncTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert notifier against a local Slack-style webhook: one message when a check fires, one when it clears,
 * none while a state holds, and a webhook that fails is tried again without ever touching a sync.
 */
class AlertNotifierTest extends SyncTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Evaluations to let pass while a state holds: at 100 ms, half a second of "no repeat". */
    private static final int HOLD = 5;


    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.alerts.webhook-url", webhook().url());
        overrides.put("bison.alerts.check-interval", "100ms");
    }

    private History history() {
        return new History(db());
    }

    @BeforeEach
    void quietHistoryAndWebhook() {
        history().clear();
        webhook().reset();
    }

    @Test
    void aCheckThatTurnsDownIsPostedOnceAndItsRecoveryOnce() throws Exception {
        history().run("failed", Duration.ofMinutes(30));
        history().run("failed", Duration.ofMinutes(20));
        long third = history().run("failed", Duration.ofMinutes(10));

        awaitDelivered(1);
        holdsFor(HOLD);

        assertThat(texts()).singleElement().asString()
                .startsWith(":rotating_light: FIRING bison-sync alert failed-runs: 3 consecutive failed runs (limit 2); latest, run " + third);

        history().run("success", Duration.ofMinutes(5));

        awaitDelivered(2);
        holdsFor(HOLD);

        assertThat(texts()).hasSize(2).last().asString()
                .isEqualTo(":white_check_mark: RESOLVED bison-sync alert failed-runs: no failed run since the last successful one");
    }

    @Test
    void aFailingWebhookIsTriedAgainAtEveryCheckWarnedAboutOnceAndNeverBreaksASync() throws Exception {
        webhook().answer(500);
        try (LogCapture log = new LogCapture()) {
            history().workspaceState("Maverick", 999, "Ghost Workspace", 4);

            await("two refused posts").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> webhook().attempts() >= 2);
            assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

            List<LogCapture.Line> warnings = log.lines().stream().filter(l -> l.message().startsWith("Alert webhook")).toList();
            assertThat(warnings).as("one warning for the whole streak of refused posts").singleElement().satisfies(w -> {
                assertThat(w.level()).isEqualTo(Level.WARN);
                assertThat(w.hasStackTrace()).isFalse();
                assertThat(w.message()).isEqualTo("Alert webhook answered HTTP 500 posting workspace-failures fired; pending alerts"
                        + " are tried again at every check, logged again once it has answered");
            });
            assertThat(log.text()).doesNotContain(webhook().url());
        }
        assertThat(webhook().delivered()).isEmpty();

        webhook().answer(200);

        awaitDelivered(1);
        holdsFor(HOLD);
        assertThat(texts()).singleElement().asString()
                .startsWith(":rotating_light: FIRING bison-sync alert workspace-failures: 1 workspace(s) failed in more than 3 consecutive runs:"
                        + " [Maverick] Ghost Workspace (4 runs");

        history().clear();

        awaitDelivered(2);
        assertThat(texts()).last().asString().startsWith(":white_check_mark: RESOLVED bison-sync alert workspace-failures:");
    }

    private void awaitDelivered(int messages) {
        await(messages + " message(s) delivered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> webhook().delivered().size() >= messages);
    }

    /** Lets {@code evaluations} more checks run: nothing may be posted meanwhile. */
    private void holdsFor(int evaluations) {
        int delivered = webhook().delivered().size();
        NotifyBuilder checks = new NotifyBuilder(context).fromRoute("alert-check").whenCompleted(evaluations).create();
        assertThat(checks.matches(10, TimeUnit.SECONDS)).as(evaluations + " more evaluations").isTrue();
        assertThat(webhook().delivered()).hasSize(delivered);
    }

    private List<String> texts() throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (String body : webhook().delivered()) {
            assertThat(MAPPER.readTree(body).fieldNames()).toIterable().containsExactly("text");
            texts.add(MAPPER.readTree(body).path("text").asText());
        }
        return texts;
    }
}
