package io.bisonsync.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.config.Secret;
import io.bisonsync.run.SyncRun;
import java.util.Map;

/**
 * {@code bison.alerts.post-run-summaries}: each finished run's summary, posted to the alert webhook as a
 * Slack-compatible {@code {"text": "..."}}. Off by default and without a webhook; a failing post is warned about
 * and never touches the run.
 */
public final class RunSummaries {

    private final Secret webhookUrl;
    private final boolean enabled;
    private final ObjectMapper mapper;

    public RunSummaries(Secret webhookUrl, boolean enabled, ObjectMapper mapper) {
        this.webhookUrl = webhookUrl;
        this.enabled = enabled && webhookUrl != null;
        this.mapper = mapper;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The webhook for the Camel HTTP producer's URI header; never logged. */
    public String webhookUrl() {
        return webhookUrl == null ? null : webhookUrl.reveal();
    }

    public String payload(SyncRun run) throws JsonProcessingException {
        return mapper.writeValueAsString(Map.of("text", Webhooks.text(text(run))));
    }

    /** ":white_check_mark: bison-sync run 12 (schedule): SUCCESS, 1093 accounts from 11 workspaces in 2.6 s". */
    public static String text(SyncRun run) {
        String icon = switch (run.status()) {
            case SUCCESS -> ":white_check_mark:";
            case PARTIAL -> ":warning:";
            case FAILED -> ":x:";
        };
        StringBuilder text = new StringBuilder(String.format("%s bison-sync run %d (%s): %s, %d accounts from %d workspaces in %.1f s",
                icon, run.id(), run.trigger(), run.status().name(), run.accountsFetched(), run.workspaces().size(),
                run.durationSeconds()));
        String[] failed = run.workspacesFailed();
        if (failed.length > 0) {
            text.append("; not complete: ").append(String.join(", ", failed));
        }
        return text.toString();
    }
}
