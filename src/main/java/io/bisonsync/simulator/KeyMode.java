package io.bisonsync.simulator;

/** Which kind of key an instance hands to the application (both kinds are accepted by the API). */
public enum KeyMode {
    /** One key for the whole instance; reads follow the key's current workspace. */
    SUPER_ADMIN,
    /** One key per workspace; reads always show that workspace. */
    API_USER,
    /**
     * Both in one instance: the super-admin key, and an api-user key for every other workspace (the first, third,
     * ... in list order), as an agency with api-user keys for its large clients and a super-admin key for the rest.
     */
    MIXED;

    /** Whether the application is handed the super-admin key. */
    public boolean superAdminKey() {
        return this != API_USER;
    }

    /** Whether the application is handed an api-user key for the workspace at {@code index} (list order). */
    public boolean apiUserKey(int index) {
        return this == API_USER || (this == MIXED && index % 2 == 0);
    }
}
