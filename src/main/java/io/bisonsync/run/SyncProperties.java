package io.bisonsync.run;

/** Names of the exchange properties the sync routes share (also used in the YAML as exchangeProperty.*). */
public final class SyncProperties {

    public static final String RUN = "syncRun";
    public static final String INSTANCE_LANES = "instanceLanes";
    /** The lane a reader took ({@code take-lanes}); {@code credential} is the same key inside {@code sync-lane}. */
    public static final String LANE = "lane";
    public static final String CREDENTIAL = "credential";
    public static final String WORKSPACE = "workspace";

    private SyncProperties() {
    }
}
