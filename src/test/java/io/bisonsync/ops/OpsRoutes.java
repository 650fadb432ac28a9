package io.bisonsync.ops;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;

/** What the ops server really serves, read from the running context: path to methods, for tests that try them all. */
final class OpsRoutes {

    private OpsRoutes() {
    }

    /** Every HTTP route: platform-http consumers (GET /, /ui) and REST DSL verbs; "GET,POST" for an unrestricted one. */
    static Map<String, String> served(CamelContext context) {
        Map<String, String> served = new TreeMap<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http) {
                served.merge(http.getPath(), http.getHttpMethodRestrict() == null ? "GET,POST" : http.getHttpMethodRestrict(),
                        (a, b) -> a + "," + b);
            } else if (route.getEndpoint() instanceof RestEndpoint rest) {
                String path = rest.getPath() + (rest.getUriTemplate() == null ? "" : "/" + rest.getUriTemplate());
                served.merge(path.replaceAll("/+", "/"), rest.getMethod().toUpperCase(Locale.ROOT), (a, b) -> a + "," + b);
            }
        }
        return served;
    }
}
