package io.bisonsync.lane;

import io.bisonsync.api.Credential;
import io.bisonsync.errors.Errors;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * One reader of an instance (step {@code take-lanes} of route {@code read-instance}): takes the instance's next lane
 * from its {@link InstanceLanes} and reads it through {@code direct:sync-lane}, until none is left. A Java loop of one call per
 * lane keeps the reader's stack flat: a Camel loop or split here grew the stack by every lane it read, and a
 * StackOverflowError then killed the reader's task silently and hung the run. An Error in a lane (a bug) is turned
 * into an exception, so the run fails with its reason instead of waiting forever.
 */
public final class LaneReader {

    private final ProducerTemplate template;

    public LaneReader(ProducerTemplate template) {
        this.template = template;
    }

    public void readLanes(Exchange exchange) {
        InstanceLanes lanes = exchange.getProperty(SyncProperties.INSTANCE_LANES, InstanceLanes.class);
        SyncRun run = exchange.getProperty(SyncProperties.RUN, SyncRun.class);
        while (lanes.hasNext()) {
            Credential lane = lanes.next();
            if (lane == null) {
                continue; // another reader of the instance took the last one
            }
            Exchange done;
            try {
                done = template.send("direct:sync-lane", e -> {
                    e.setProperty(SyncProperties.RUN, run);
                    e.getMessage().setBody(lane);
                });
            } catch (Error error) {
                throw new IllegalStateException("the reader of " + lane.label() + " died: " + error, error);
            } finally {
                run.apiUserLaneSettled(lane); // a lane whose listing failed claims nothing: the super-admin lane goes on
            }
            if (done.getException() != null) {
                // the lane's dead letter records its failures; anything left is the run's own failure
                throw new IllegalStateException("reading " + lane.label() + " failed: " + Errors.message(done.getException()),
                        done.getException());
            }
        }
    }
}
