package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Email Bison instance: its workspaces, its keys and the server-side "current workspace" of each key.
 * Every instance accepts both key kinds; {@link #keyMode()} says which kind the application is handed.
 */
public final class SimInstance {

    private final String slug;
    private final String name;
    private final KeyMode keyMode;
    private final Map<Long, SimWorkspace> workspaces;
    private final String superAdminKey;
    private final Map<Long, String> apiUserKeys;
    private final Map<String, KeyGrant> grants;
    private final ObjectNode owner;
    private final Map<String, Long> currentWorkspace = new ConcurrentHashMap<>();

    private SimInstance(FleetSpec.InstanceSpec spec, long seed, Long keySeed) {
        this.slug = spec.slug();
        this.name = spec.name();
        this.keyMode = spec.keyMode();
        Random r = Seeds.random(seed, slug, "instance");
        AccountGenerator generator = new AccountGenerator(seed, slug, 1 + r.nextInt(5_000));
        this.workspaces = createWorkspaces(spec, r, seed, generator);

        // keys from a seed are guessable by anyone who knows it: only when asked for
        Random keyRandom = keySeed == null ? new java.security.SecureRandom() : Seeds.random(keySeed, slug, "keys");
        long tokenId = 1 + keyRandom.nextInt(90);
        this.superAdminKey = ApiKeys.generate(tokenId, keyRandom);
        Map<Long, String> userKeys = new LinkedHashMap<>();
        Map<String, KeyGrant> allGrants = new HashMap<>();
        allGrants.put(superAdminKey, new KeyGrant(superAdminKey, null));
        for (long workspaceId : workspaces.keySet()) {
            String key = ApiKeys.generate(++tokenId, keyRandom);
            userKeys.put(workspaceId, key);
            allGrants.put(key, new KeyGrant(key, workspaceId));
        }
        this.apiUserKeys = userKeys;
        this.grants = Map.copyOf(allGrants);

        this.owner = Json.object();
        owner.put("id", 1 + r.nextInt(20));
        owner.put("name", name + " Owner");
        owner.put("email", "owner@" + slug + ".example.com");
    }

    static SimInstance create(FleetSpec.InstanceSpec spec, long seed, Long keySeed) {
        return new SimInstance(spec, seed, keySeed);
    }

    private static Map<Long, SimWorkspace> createWorkspaces(FleetSpec.InstanceSpec spec, Random r, long seed,
                                                            AccountGenerator generator) {
        Map<Long, SimWorkspace> result = new LinkedHashMap<>();
        long workspaceId = 1 + r.nextInt(40);
        boolean first = true;
        for (FleetSpec.WorkspaceSpec ws : spec.workspaces()) {
            long created = 1_690_000_000L + r.nextInt(20_000_000);
            SimWorkspace workspace = new SimWorkspace(spec.slug(), workspaceId, ws.name(), first, created,
                    domains(ws.name(), Seeds.random(seed, spec.slug(), "domains", workspaceId)), generator);
            workspace.addAccounts(ws.accounts());
            result.put(workspaceId, workspace);
            workspaceId += 1 + r.nextInt(3);
            first = false;
        }
        return Collections.unmodifiableMap(result);
    }

    private static List<String> domains(String workspaceName, Random r) {
        String base = AccountGenerator.ascii(workspaceName);
        base = base.isEmpty() ? "client" : base;
        List<String> all = new ArrayList<>(List.of("get" + base + ".com", base + "-mail.com", "try" + base + ".io",
                base + "hq.co", "meet" + base + ".net"));
        Collections.shuffle(all, r);
        return all.subList(0, 3);
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public KeyMode keyMode() {
        return keyMode;
    }

    /** Workspaces in list order; the first is where a super-admin key starts. */
    public List<SimWorkspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    public SimWorkspace workspace(long workspaceId) {
        SimWorkspace workspace = workspaces.get(workspaceId);
        if (workspace == null) {
            throw new IllegalArgumentException("no workspace " + workspaceId + " in instance " + slug);
        }
        return workspace;
    }

    public SimWorkspace workspace(String workspaceName) {
        return workspaces.values().stream().filter(w -> w.name().equals(workspaceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workspace '" + workspaceName + "' in " + slug));
    }

    public String superAdminKey() {
        return superAdminKey;
    }

    public String apiUserKey(long workspaceId) {
        workspace(workspaceId);
        return apiUserKeys.get(workspaceId);
    }

    /** Total sender emails over all workspaces right now. */
    public int totalAccounts() {
        return workspaces.values().stream().mapToInt(SimWorkspace::size).sum();
    }

    KeyGrant grant(String key) {
        return key == null ? null : grants.get(key);
    }

    SimWorkspace lookup(long workspaceId) {
        return workspaces.get(workspaceId);
    }

    /** The workspace a key reads: fixed for an api-user key, switchable server-side state for a super-admin key. */
    SimWorkspace currentWorkspace(KeyGrant grant) {
        if (!grant.superAdmin()) {
            return workspaces.get(grant.workspaceId());
        }
        Long current = currentWorkspace.get(grant.key());
        return current == null ? workspaces.values().iterator().next() : workspaces.get(current);
    }

    void switchWorkspace(KeyGrant grant, long workspaceId) {
        currentWorkspace.put(grant.key(), workspaceId);
    }

    /**
     * Another client (say the agency's old dashboard, fetching on demand) switches the super-admin key to
     * {@code workspace}: every later request of the sync with that key reads it, until someone switches again.
     */
    public void anotherClientSwitchesTheKeyTo(SimWorkspace workspace) {
        currentWorkspace.put(superAdminKey, workspace(workspace.id()).id());
    }

    Optional<SimWorkspace> workspaceHolding(long accountId) {
        return workspaces.values().stream().filter(w -> w.contains(accountId)).findFirst();
    }

    JsonNode owner() {
        return owner.deepCopy();
    }

    @Override
    public String toString() {
        return "SimInstance[" + slug + " " + name + " " + keyMode.name().toLowerCase(Locale.ROOT) + "]";
    }
}
