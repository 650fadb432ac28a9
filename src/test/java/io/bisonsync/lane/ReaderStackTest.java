package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

/**
 * A reader's stack does not grow with the lanes it reads: one reader takes 300 api-user lanes, and the depth of its
 * thread's stack each time it sends a lane to {@code direct:sync-lane} stays the same from the first lane to the
 * last. (While batches went through the aggregate EIP, a loop here grew it by a few frames per lane until a
 * StackOverflowError killed the reader silently: bench/NOTES.md.)
 */
class ReaderStackTest extends SyncTestSupport {

    private static final int LANES = 300;

    @Override
    protected FleetSpec fleet() {
        FleetSpec.Builder fleet = FleetSpec.builder().instance("crowd", "Crowd", KeyMode.API_USER);
        for (int i = 1; i <= LANES; i++) {
            fleet.workspace(String.format("Client %03d", i), 1);
        }
        return fleet.build();
    }

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.instance.crowd.max-parallel", "1");
    }

    @Test
    void theReadersStackIsAsDeepAtTheLastLaneAsAtTheFirst() throws Exception {
        List<Integer> depths = new CopyOnWriteArrayList<>();
        EventNotifierSupport probe = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof ExchangeSendingEvent sending && sending.getEndpoint().getEndpointUri().startsWith("direct://sync-lane")) {
                    depths.add(Thread.currentThread().getStackTrace().length);
                }
            }
        };
        context.getCamelContextExtension().setEventNotificationApplicable(true);
        context.getManagementStrategy().addEventNotifier(probe);
        probe.start();
        try {
            assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        } finally {
            context.getManagementStrategy().removeEventNotifier(probe);
        }

        assertThat(depths).hasSize(LANES);
        assertThat(depths.get(LANES - 1)).as("stack depth at the last lane vs the first (%s)", depths.subList(0, 5))
                .isLessThanOrEqualTo(depths.get(0) + 10);
    }
}
