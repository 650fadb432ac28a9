package io.bisonsync.config;

/**
 * One configuration key of the table in {@link SettingKeys}.
 *
 * @param key          the full key: {@code bison.sync.batch-size}, or {@code bison.instance.<id>.max-parallel} for a
 *                     key of an instance block
 * @param defaultValue the value a configuration that leaves the key out gets; "" = no default
 * @param unit         what the value is (duration, count, fraction, ...): the unit column of docs/configuration.md
 * @param description  one line on what the key does: the meaning column of docs/configuration.md
 */
public record SettingKey(String key, String defaultValue, String unit, String description) {

    public boolean hasDefault() {
        return !defaultValue.isEmpty();
    }
}
