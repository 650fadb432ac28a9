package io.bisonsync.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the ops API and the monitoring page (platform-http): the host's when it has one (camel-main's
 * {@code camel.server.enabled}, {@code camel run}'s, Camel Spring Boot's platform-http engine), otherwise one of
 * bison-sync's own on {@code bison.ops.host}:{@code bison.ops.port}, so that routes alone need no camel.server keys.
 */
public final class OpsHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);

    private OpsHttpServer() {
    }

    /** Starts a server of its own unless the host serves platform-http. */
    public static void ensure(CamelContext context, String host, int port) {
        if (!platformHttpPresent()) {
            LOG.warn("The ops API and the monitoring page are not served: no platform-http server in this runtime"
                    + " (camel-platform-http-main is not on the classpath)");
            return;
        }
        if (hostServes(context)) {
            LOG.info("Ops API on the host's platform-http server");
            return;
        }
        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(context);
        server.setHost(host);
        server.setPort(port);
        server.setPath("/");
        try {
            context.addService(server, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the ops API's HTTP server on " + host + ":" + port
                    + " (bison.ops.host, bison.ops.port)", e);
        }
    }

    static boolean hostServes(CamelContext context) {
        return servedByVertx(context) || !context.getRegistry().findByType(PlatformHttpEngine.class).isEmpty();
    }

    /**
     * The ops routes are served by a camel-main (Vert.x) server, camel-main's or ours, in front of which
     * {@link OpsGate} can stand. camel-main starts its server after configuration classes run, so its key is read
     * rather than its service.
     */
    public static boolean servedByVertx(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty("camel.server.enabled").map(v -> v.strip().equalsIgnoreCase("true"))
                .orElse(false)
                || platformHttpPresent() && context.hasService(MainHttpServer.class) != null;
    }

    /**
     * camel-platform-http(-main) is an optional part of a host's runtime (a Camel line may not ship it at all): no
     * class of it is touched unless it is there.
     */
    static boolean platformHttpPresent() {
        try {
            ClassLoader loader = OpsHttpServer.class.getClassLoader();
            Class.forName("org.apache.camel.component.platform.http.spi.PlatformHttpEngine", false, loader);
            Class.forName("org.apache.camel.component.platform.http.main.MainHttpServer", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
