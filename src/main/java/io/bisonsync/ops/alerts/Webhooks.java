package io.bisonsync.ops.alerts;

import io.bisonsync.config.Secrets;
import io.bisonsync.errors.Text;

/** The text of a webhook post: without any configured secret, Slack's markup characters escaped, on one line. */
final class Webhooks {

    private Webhooks() {
    }

    /** A workspace named {@code <!channel>} neither notifies the channel nor links anywhere. */
    static String text(String text) {
        return Text.slack(Text.escaped(Secrets.scrub(text)));
    }
}
