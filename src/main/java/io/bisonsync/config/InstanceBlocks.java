package io.bisonsync.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code bison.instances} and each listed instance's block {@code bison.instance.<id>.*} into
 * {@link InstanceSettings}: a super-admin key, api-user keys or both, include/exclude only with a super-admin key, one name
 * per instance (the name keys the stored accounts).
 */
final class InstanceBlocks {

    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private InstanceBlocks() {
    }

    /** The ids of {@code bison.instances}: at least one, each valid and listed once. */
    static List<String> ids(PropertyReader r) {
        List<String> ids = r.list("bison.instances");
        if (ids.isEmpty()) {
            throw new ConfigException("bison.instances", "is required: list the instance ids to sync, e.g. maverick,long-run");
        }
        Set<String> distinct = new TreeSet<>();
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new ConfigException("bison.instances", "'" + id + "' is not a valid id (lower-case letters, digits and '-')");
            }
            if (!distinct.add(id)) {
                throw new ConfigException("bison.instances", "lists '" + id + "' twice; each instance is read once");
            }
        }
        return ids;
    }

    /**
     * The blocks of {@code ids}, in that order.
     *
     * @param defaultRequestsPerMinute the instance budget of a block without its own requests-per-minute
     * @param keyFilesMayAppearLater   with the simulator, key files are written when it starts: read them later
     *                                 with {@link #resolveKeyFiles}
     */
    static List<InstanceSettings> read(PropertyReader r, List<String> ids, int defaultRequestsPerMinute, boolean keyFilesMayAppearLater) {
        List<InstanceSettings> instances = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (String id : ids) {
            InstanceSettings instance = instance(r, id, defaultRequestsPerMinute, keyFilesMayAppearLater);
            String other = names.putIfAbsent(instance.name(), id);
            if (other != null) {
                // the name is the stored bison_instance: two instances with one name would overwrite each other's rows
                throw new ConfigException(prefix(id) + "name", "'" + instance.name() + "' is already the name of"
                        + " instance '" + other + "'; each instance needs its own name (it keys the stored accounts)");
            }
            instances.add(instance);
        }
        return List.copyOf(instances);
    }

    private static InstanceSettings instance(PropertyReader r, String id, int defaultRequestsPerMinute, boolean keyFilesMayAppearLater) {
        String p = prefix(id);
        String name = r.required(p + "name");
        String baseUrl = r.required(p + "base-url").replaceAll("/+$", "").replaceAll("/api$", "");
        if (baseUrl.matches("[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@.*")) {
            // the URL is not echoed: its user:password is a credential
            throw new ConfigException(p + "base-url", "must not carry user:password@ (the API key is the credential: "
                    + p + "api-user-keys or " + p + "super-admin-key)");
        }
        if (!baseUrl.matches("https?://.+")) {
            throw new ConfigException(p + "base-url", "'" + baseUrl + "' must start with http:// or https://");
        }
        Optional<String> adminKey = r.optional(p + "super-admin-key");
        Optional<String> adminKeyFile = r.optional(p + "super-admin-key-file");
        List<String> userKeys = r.list(p + "api-user-keys");
        Optional<String> userKeyFiles = r.optional(p + "api-user-key-files");
        // a super-admin key, api-user keys, or both (mixed: workspaces with an api-user key are read with it)
        int adminKinds = (adminKey.isPresent() ? 1 : 0) + (adminKeyFile.isPresent() ? 1 : 0);
        int userKinds = (userKeys.isEmpty() ? 0 : 1) + (userKeyFiles.isPresent() ? 1 : 0);
        if (adminKinds > 1 || userKinds > 1 || adminKinds + userKinds == 0) {
            throw new ConfigException(p + "super-admin-key", "instance '" + id + "' needs at most one of " + p + "super-admin-key or "
                    + p + "super-admin-key-file and at most one of " + p + "api-user-keys or " + p + "api-user-key-files, and at least one key"
                    + " (found " + adminKinds + " and " + userKinds + ")");
        }
        Secret admin = adminKey.map(Secret::new).orElse(null);
        if (adminKeyFile.isPresent() && !keyFilesMayAppearLater) {
            admin = KeyFiles.read(p + "super-admin-key-file", Path.of(adminKeyFile.get()));
        }
        List<Secret> users = userKeys.stream().map(Secret::new).toList();
        if (userKeyFiles.isPresent() && !keyFilesMayAppearLater) {
            users = KeyFiles.readAll(p + "api-user-key-files", userKeyFiles.get());
        }
        Set<String> include = new LinkedHashSet<>(r.list(p + "include-workspaces"));
        Set<String> exclude = new LinkedHashSet<>(r.list(p + "exclude-workspaces"));
        if (admin == null && adminKeyFile.isEmpty() && !(include.isEmpty() && exclude.isEmpty())) {
            throw new ConfigException(p + "include-workspaces", "include/exclude lists need a super-admin key; an api-user key sees one workspace");
        }
        int rpm = r.optional(p + "requests-per-minute").map(v -> r.parseInt(p + "requests-per-minute", v, 0))
                .orElse(defaultRequestsPerMinute);
        int parallel = r.parseInt(p + "max-parallel",
                r.optional(p + "max-parallel").orElse(SettingKeys.instanceDefault("max-parallel")), 1);
        return new InstanceSettings(id, name, baseUrl, admin, List.copyOf(users), Set.copyOf(include), Set.copyOf(exclude),
                rpm, parallel);
    }

    /** {@code instance} with the keys of its key files, read now (the simulator has written them). */
    static InstanceSettings resolveKeyFiles(InstanceSettings instance, PropertyReader r) {
        String p = prefix(instance.id());
        Secret admin = instance.superAdminKey();
        List<Secret> users = instance.apiUserKeys();
        Optional<String> adminFile = r.optional(p + "super-admin-key-file");
        if (adminFile.isPresent()) {
            admin = KeyFiles.read(p + "super-admin-key-file", Path.of(adminFile.get()));
        }
        Optional<String> userFiles = r.optional(p + "api-user-key-files");
        if (userFiles.isPresent()) {
            users = KeyFiles.readAll(p + "api-user-key-files", userFiles.get());
        }
        return new InstanceSettings(instance.id(), instance.name(), instance.baseUrl(), admin, users, instance.include(),
                instance.exclude(), instance.requestsPerMinute(), instance.maxParallel());
    }

    private static String prefix(String id) {
        return "bison.instance." + id + ".";
    }
}
