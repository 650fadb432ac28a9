package io.bisonsync;

import org.apache.camel.support.service.ServiceSupport;

/** A context service that closes what it wraps when Camel stops (the simulator). */
final class ClosingService extends ServiceSupport {

    private final String name;
    private final AutoCloseable closeable;

    ClosingService(String name, AutoCloseable closeable) {
        this.name = name;
        this.closeable = closeable;
    }

    @Override
    protected void doStop() throws Exception {
        closeable.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
