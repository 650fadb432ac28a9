package io.bisonsync.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.config.Secret;
import io.bisonsync.ops.health.SyncCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import io.bisonsync.ops.health.Verdict;

/**
 * Decides which alert messages routes/alerts.camel.yaml posts. Each evaluation refreshes the four health checks
 * from PostgreSQL (their verdicts, which /observe/health answers, and their gauges) and returns one {@link Alert} per check whose state differs from the last state
 * delivered to the webhook: a check that turns DOWN fires once, turning UP again clears once, nothing repeats while
 * a state holds. A post that fails is not marked delivered, so the next evaluation tries again (if the state still
 * differs); only the first failure of a streak is worth a warning. Every check starts as "UP, delivered": after a
 * restart an alert that still holds fires once more.
 */
public final class AlertNotifier {

    private final List<SyncCheck> checks;
    private final Secret webhookUrl;
    private final String application;
    private final ObjectMapper mapper;
    private final Map<String, Boolean> deliveredUp = new ConcurrentHashMap<>();
    private final AtomicBoolean webhookFailing = new AtomicBoolean();

    public AlertNotifier(List<SyncCheck> checks, Secret webhookUrl, String application, ObjectMapper mapper) {
        this.checks = List.copyOf(checks);
        this.webhookUrl = webhookUrl;
        this.application = application;
        this.mapper = mapper;
    }

    /** Off without bison.alerts.webhook-url: the checks still run (gauges) but nothing is posted. */
    public boolean enabled() {
        return webhookUrl != null;
    }

    /** Whether the last post to the webhook failed (no 2xx since); for the monitoring page. */
    public boolean webhookFailing() {
        return webhookFailing.get();
    }

    /** Runs every check; the alerts to post now (none when the notifier is off). */
    public List<Alert> changes() {
        List<Alert> changes = new ArrayList<>();
        for (SyncCheck check : checks) {
            Verdict verdict = check.refresh();
            boolean up = verdict.up();
            if (up != deliveredUp.getOrDefault(check.getId(), true)) {
                changes.add(new Alert(check.getId(), !up, verdict.message()));
            }
        }
        return enabled() ? changes : List.of();
    }

    /** The message body: Slack's (and Mattermost's, Teams' incoming webhook's) {"text": "..."}. */
    public String payload(Alert alert) throws JsonProcessingException {
        return mapper.writeValueAsString(Map.of("text", Webhooks.text(alert.text(application))));
    }

    /** The webhook for the Camel HTTP producer's URI header; never logged. */
    public String webhookUrl() {
        return webhookUrl == null ? null : webhookUrl.reveal();
    }

    public void delivered(Alert alert) {
        deliveredUp.put(alert.check(), !alert.firing());
        webhookFailing.set(false);
    }

    /**
     * A post that failed: the alert stays pending. Returns the warning to log for the first failure since the
     * webhook last answered 2xx, null for the next ones (a webhook that is down does not flood the log).
     */
    public String undelivered(Alert alert, Throwable error) {
        if (webhookFailing.getAndSet(true)) {
            return null;
        }
        String reason = error instanceof WebhookRefused ? error.getMessage() : "not reachable (" + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()) + ")";
        return "Alert webhook " + reason + " posting " + alert.summary() + "; pending alerts are tried again at every check,"
                + " logged again once it has answered";
    }
}
