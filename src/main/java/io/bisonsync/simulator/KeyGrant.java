package io.bisonsync.simulator;

/** What a key may do: a super-admin key has no fixed workspace, an api-user key has exactly one. */
record KeyGrant(String key, Long workspaceId) {

    boolean superAdmin() {
        return workspaceId == null;
    }

    @Override
    public String toString() {
        return "KeyGrant[" + ApiKeys.mask(key) + (superAdmin() ? " super-admin" : " workspace " + workspaceId) + "]";
    }
}
