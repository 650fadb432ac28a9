package io.bisonsync.cli;

import io.bisonsync.config.ConfigException;
import io.bisonsync.config.SettingKeys;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.model.Model;

/**
 * The {@code camel.*} settings bison-sync needs, applied by the launcher as defaults (the lowest precedence: a
 * configuration file, {@code -D} or the environment overrides each), so a stand-alone {@code --config} file with only
 * the {@code bison.*} keys it changes still loads the routes and serves the ops API, health and metrics. The shipped
 * {@code config/application.properties} states the same values (CamelDefaultsTest).
 */
public final class CamelDefaults {

    /** Where the routes are; the default is relative to the working directory (the checkout). */
    public static final String ROUTES_KEY = "camel.main.routes-include-pattern";

    /** The route every trigger sends to; without it the process would start and sync nothing. */
    static final String SYNC_ROUTE = "sync-run";

    public static final Map<String, String> VALUES = values();

    private CamelDefaults() {
    }

    private static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("camel.main.name", "bison-sync");
        v.put(ROUTES_KEY, "file:routes/*.camel.yaml");
        v.put("camel.main.shutdown-timeout", "30");
        v.put("camel.main.shutdown-suppress-logging-on-timeout", "true");
        v.put("camel.main.auto-configuration-log-summary", "false");
        v.put("camel.management.enabled", "true");
        v.put("camel.management.port", "9876");
        v.put("camel.management.host", "127.0.0.1");
        v.put("camel.management.health-check-enabled", "true");
        v.put("camel.management.metrics-enabled", "true");
        v.put("camel.metrics.enabled", "true");
        v.put("camel.metrics.enable-route-policy", "true");
        v.put("camel.metrics.enable-exchange-event-notifier", "false");
        v.put("camel.health.enabled", "true");
        v.put("camel.health.routes-enabled", "false");
        v.put("camel.health.consumers-enabled", "false");
        v.put("camel.server.enabled", "true");
        v.put("camel.server.port", "{{bison.ops.port}}");
        v.put("camel.server.host", "{{bison.ops.host}}");
        v.put("camel.health.exposure-level", "full");
        return Collections.unmodifiableMap(v);
    }

    /**
     * Adds every value, and the default of every {@code bison.*} key (which {@code camel.server.*} name), as an
     * initial property of {@code main}: any configured value wins over it.
     */
    public static void applyTo(BaseMainSupport main) {
        SettingKeys.defaults().forEach(main::addInitialProperty);
        VALUES.forEach(main::addInitialProperty);
    }

    /**
     * Refuses a context whose routes location ({@code pattern}, as camel-main applied it) loaded no sync route: the
     * service would start, serve its pages and never sync. Called once the routes are loaded, before anything starts.
     */
    public static void requireSyncRoute(CamelContext context, String pattern) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null || model.getRouteDefinition(SYNC_ROUTE) == null) {
            throw new ConfigException(ROUTES_KEY, "no route '" + SYNC_ROUTE + "' in '" + pattern + "' (working directory "
                    + Path.of("").toAbsolutePath() + "); run from the folder that holds routes/, or set"
                    + " CAMEL_MAIN_ROUTES_INCLUDE_PATTERN to where the *.camel.yaml files are");
        }
    }
}
