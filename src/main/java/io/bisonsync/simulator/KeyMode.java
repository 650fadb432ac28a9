package io.bisonsync.simulator;

/** Which kind of key an instance hands to the application (both kinds are accepted by the API). */
public enum KeyMode {
    /** One key for the whole instance; reads follow the key's current workspace. */
    SUPER_ADMIN,
    /** One key per workspace; reads always show that workspace. */
    API_USER
}
