package io.bisonsync.run;

import org.quartz.spi.InstanceIdGenerator;

/**
 * Quartz's {@code instanceId = AUTO} with this generator: the scheduler's cluster instance id is the process's
 * {@link ProcessIdentity#instanceId()}, the same id the run log and the run lock show.
 */
public final class ProcessInstanceIdGenerator implements InstanceIdGenerator {

    @Override
    public String generateInstanceId() {
        return ProcessIdentity.current().instanceId();
    }
}
