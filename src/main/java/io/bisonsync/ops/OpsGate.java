package io.bisonsync.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * {@link OpsAccess} in front of every route of the ops server, declared once: the first handler of the server's
 * router, ahead of any route's body handler, so a route added later (by YAML or code) cannot skip it, a refused
 * request is never parsed, and only the real {@code Authorization} header counts (platform-http copies query and
 * form parameters into Camel headers, which this check never reads). A refusal is answered here, as
 * {@code {"error": "..."}}, and not logged: a flood of refused requests writes nothing.
 */
public final class OpsGate implements Handler<RoutingContext> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ahead of every route a consumer adds (Vert.x numbers them from 0). */
    private static final int FIRST = -1_000_000;

    private final OpsAccess access;

    public OpsGate(OpsAccess access) {
        this.access = access;
    }

    /**
     * Puts the gate in front of the ops server's router: as soon as the server exists, before the routes start
     * (their consumers add routes to it), so no request is ever answered without it.
     */
    public StartupListener installer(int serverPort) {
        String routerName = VertxPlatformHttpRouter.getRouterNameFromPort(serverPort);
        return new StartupListener() {
            private boolean installed;

            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                install(context, false);
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                install(context, true);
            }

            private synchronized void install(CamelContext context, boolean last) {
                VertxPlatformHttpRouter router = installed ? null : VertxPlatformHttpRouter.lookup(context, routerName);
                if (router != null) {
                    router.route().order(FIRST).handler(OpsGate.this);
                    installed = true;
                } else if (last && !installed) {
                    throw new IllegalStateException("the ops server's router " + routerName + " is missing: is camel.server.enabled true?");
                }
            }
        };
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        Optional<OpsAccess.Refusal> refusal = access.check(request.method().name(), host(request),
                request.getHeader(HttpHeaders.AUTHORIZATION), contentLength(length), OpsPage.isPageFile(request.path()));
        if (refusal.isEmpty()) {
            ctx.next();
            return;
        }
        OpsAccess.Refusal r = refusal.get();
        ctx.response().setStatusCode(r.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (r.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"bison-sync\"");
        }
        // the body is not read: the connection closes after the answer
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.response().end(json(r.message()));
    }

    /** The host the request names: its Host header, or an HTTP/2 request's :authority. */
    private static String host(HttpServerRequest request) {
        io.vertx.core.net.HostAndPort authority = request.authority();
        return authority == null ? null : authority.host();
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unreadable: as good as too large
        }
    }

    private static String json(String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
