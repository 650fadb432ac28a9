package io.bisonsync.config;

/** Invalid or missing configuration; the message names the property key. */
public class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super("Configuration key '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
