package io.bisonsync.config;

import io.bisonsync.api.Credential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Test data: an {@link InstanceSettings} and its lanes, with the defaults a test does not care about, so a test names
 * only what it is about ({@code TestInstance.apiUsers("long-run", 3).requestsPerMinute(60).lane(1)}). No test
 * library: the bench harness uses it too.
 */
public final class TestInstance {

    private final String id;
    private String name;
    private String baseUrl;
    private final Secret superAdminKey;
    private final List<Secret> apiUserKeys;
    private int requestsPerMinute;

    private TestInstance(String id, Secret superAdminKey, List<Secret> apiUserKeys) {
        this.id = id;
        this.name = displayName(id);
        this.baseUrl = "http://127.0.0.1:1/" + id;
        this.superAdminKey = superAdminKey;
        this.apiUserKeys = apiUserKeys;
    }

    /** An instance read with one super-admin key ("admin-key"). */
    public static TestInstance superAdmin(String id) {
        return new TestInstance(id, new Secret("admin-key"), List.of());
    }

    /** An instance read with {@code keys} api-user keys ("1|key-1", "2|key-2", ...). */
    public static TestInstance apiUsers(String id, int keys) {
        List<Secret> secrets = new ArrayList<>();
        for (int i = 1; i <= keys; i++) {
            secrets.add(new Secret(i + "|key-" + i));
        }
        return new TestInstance(id, null, List.copyOf(secrets));
    }

    /** "long-run" is "Long Run" unless a test names it. */
    public TestInstance name(String name) {
        this.name = name;
        return this;
    }

    public TestInstance baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    /** The instance's request budget; 0 (the default here) is the fixed page delay. */
    public TestInstance requestsPerMinute(int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
        return this;
    }

    public InstanceSettings build() {
        // every workspace, and the default of max-parallel
        return new InstanceSettings(id, name, baseUrl, superAdminKey, apiUserKeys, Set.of(), Set.of(), requestsPerMinute, 4);
    }

    /** The lane of key {@code index}: 0 is the super-admin key, 1.. the api-user keys, as {@link Credential#lanesOf} numbers them. */
    public Credential lane(int index) {
        return Credential.lanesOf(List.of(build())).stream().filter(c -> c.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no lane " + index));
    }

    private static String displayName(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            name.append(name.length() == 0 ? "" : " ").append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return name.toString();
    }
}
