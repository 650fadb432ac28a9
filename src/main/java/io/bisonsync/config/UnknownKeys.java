package io.bisonsync.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses every {@code bison.*} key that {@link SettingKeys} does not list, and an instance block whose id is not in
 * {@code bison.instances}; a misspelt key gets a "did you mean" with the table's nearest keys.
 */
final class UnknownKeys {

    private static final Pattern INSTANCE_KEY = Pattern.compile("bison\\.instance\\.([^.]+)\\.(.+)");

    private UnknownKeys() {
    }

    /**
     * @param keys every key of the configuration (only {@code bison.*} ones are looked at)
     * @param ids  the instance ids of {@code bison.instances}
     */
    static void reject(Set<String> keys, List<String> ids, PropertyReader r) {
        for (String key : new TreeSet<>(keys)) {
            if (!key.startsWith("bison.") || SettingKeys.isFixed(key)) {
                continue;
            }
            Matcher m = INSTANCE_KEY.matcher(key);
            if (m.matches() && SettingKeys.isInstanceKey(m.group(2))) {
                if (!ids.contains(m.group(1)) && r.optional(key).isPresent()) {
                    // a block whose id is not listed is a typo in the list or the block: either way, not what was
                    // meant (a block whose keys are all empty is switched off on purpose)
                    throw new ConfigException(key, "belongs to instance '" + m.group(1) + "', which is not listed in"
                            + " bison.instances " + ids + "; list it or remove its block");
                }
                continue;
            }
            throw new ConfigException(key, "unknown key (misspelt?)" + suggestion(key));
        }
    }

    /** "; did you mean a or b?" with the keys near {@code key} (same last part, or a few letters apart), or "". */
    static String suggestion(String key) {
        String tail = key.substring(key.lastIndexOf('.') + 1);
        Set<String> near = SettingKeys.FIXED.stream().map(SettingKey::key)
                .filter(k -> k.endsWith("." + tail) || EditDistance.between(k, key) <= 3)
                .collect(Collectors.toCollection(TreeSet::new));
        SettingKeys.PER_INSTANCE.stream().filter(k -> EditDistance.between(SettingKeys.nameInBlock(k), tail) <= 2)
                .forEach(k -> near.add(k.key()));
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }
}
