package io.bisonsync.config;

import java.util.List;
import java.util.Set;

/**
 * One Email Bison instance as configured under {@code bison.instance.<id>.*}.
 *
 * @param id                configuration id (kebab-case, used in property keys)
 * @param name              display name, e.g. "Maverick"; stored as {@code bison_instance}
 * @param baseUrl           instance host without {@code /api}
 * @param superAdminKey     the super-admin key, or null when the instance uses api-user keys
 * @param apiUserKeys       api-user keys (one workspace each); empty with a super-admin key
 * @param include           workspace names or ids to sync (empty: all), super-admin only
 * @param exclude           workspace names or ids to skip, super-admin only
 * @param requestsPerMinute shared request budget of this instance; 0 = use the fixed page delay
 * @param maxParallel       workspaces read at the same time (api-user keys only; a super-admin key is serial)
 */
public record InstanceSettings(String id, String name, String baseUrl, Secret superAdminKey, List<Secret> apiUserKeys,
                               Set<String> include, Set<String> exclude, int requestsPerMinute, int maxParallel) {

    public boolean superAdmin() {
        return superAdminKey != null;
    }

    /** Whether a workspace passes the include/exclude lists (matched by name or id). */
    public boolean selects(long workspaceId, String workspaceName) {
        String idText = Long.toString(workspaceId);
        boolean included = include.isEmpty() || include.contains(idText) || include.contains(workspaceName);
        boolean excluded = exclude.contains(idText) || exclude.contains(workspaceName);
        return included && !excluded;
    }

    @Override
    public String toString() {
        String apiUsers = apiUserKeys.size() + " api-user keys";
        return "Instance[" + name + " at " + baseUrl + ", " + (!superAdmin() ? apiUsers : apiUserKeys.isEmpty() ? "super-admin key"
                : "super-admin key and " + apiUsers) + "]";
    }
}
