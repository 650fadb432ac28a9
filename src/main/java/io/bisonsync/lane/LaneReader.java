package io.bisonsync.lane;

import io.bisonsync.api.Credential;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import org.apache.camel.Exchange;

/**
 * One reader of an instance (loop {@code take-lanes} of route {@code read-instance}): takes the instance's next lane
 * from its {@link InstanceLanes}, and marks a lane settled when its read ends, so the super-admin lane of a mixed
 * instance stops waiting for it.
 */
public final class LaneReader {

    /** The next lane as property {@code lane} and as the body; null when another reader took the last one. */
    public void take(Exchange exchange) {
        Credential lane = exchange.getProperty(SyncProperties.INSTANCE_LANES, InstanceLanes.class).next();
        exchange.setProperty(SyncProperties.LANE, lane);
        exchange.getMessage().setBody(lane);
    }

    /** A lane whose listing failed claims nothing: the super-admin lane goes on. */
    public void settled(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
        run.apiUserLaneSettled(exchange.getProperty(SyncProperties.LANE, Credential.class));
    }
}
