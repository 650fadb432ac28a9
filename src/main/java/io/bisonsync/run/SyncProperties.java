package io.bisonsync.run;

/** Names of the exchange properties the sync routes share (also used in the YAML as exchangeProperty.*). */
public final class SyncProperties {

    public static final String RUN = "syncRun";
    public static final String INSTANCE_LANES = "instanceLanes";
    public static final String CREDENTIAL = "credential";
    public static final String WORKSPACE = "workspace";

    private SyncProperties() {
    }
}
