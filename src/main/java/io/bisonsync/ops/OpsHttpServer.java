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

    /** Starts a server of its own unless the host serves platform-http; true when it started one. */
    public static boolean ensure(CamelContext context, String host, int port) {
        if (hostServes(context)) {
            LOG.info("Ops API on the host's platform-http server");
            return false;
        }
        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(context);
        server.setHost(host);
        server.setPort(port);
        server.setPath("/");
        try {
            context.addService(server, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the ops API's HTTP server on " + host + ":" + port + " (bison.ops.host, bison.ops.port)", e);
        }
        return true;
    }

    /** camel-main starts its server after configuration classes run, so its key is read rather than its service. */
    static boolean hostServes(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty("camel.server.enabled").map(Boolean::parseBoolean).orElse(false)
                || context.hasService(MainHttpServer.class) != null
                || !context.getRegistry().findByType(PlatformHttpEngine.class).isEmpty();
    }
}
