package io.bisonsync.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * {@link OpsAccess} for a host's platform-http engine other than camel-main's Vert.x server (where {@link OpsGate}
 * stands in front of the router instead), e.g. Camel Spring Boot's: declared once, as a route configuration whose
 * {@code interceptFrom} runs this check first in every platform-http and REST DSL route that names no route
 * configuration of its own (a route with a {@code routeConfigurationId} gets only the configurations it names). The request's facts are read from the engine's own request object (a servlet request:
 * the message's {@code getRequest()}), never from Camel headers, which the engine fills with query and form
 * parameters too; a Camel {@code Authorization} header that differs from the real one, or a token-looking query
 * parameter, is refused as well. A request whose real request cannot be read is refused (fail closed).
 */
public final class OpsRouteGate implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpsAccess access;

    public OpsRouteGate(OpsAccess access) {
        this.access = access;
    }

    /**
     * The route configuration that puts this gate in front of every platform-http route: those that start from
     * {@code platform-http:} and the REST DSL's, which start from {@code rest:} (served by platform-http, the
     * restConfiguration's component).
     */
    public RouteConfigurationBuilder routeConfiguration() {
        return new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                var config = routeConfiguration().description("bison-sync: the ops API's access rule (io.bisonsync.ops.OpsAccess) on the"
                        + " host's platform-http engine");
                config.interceptFrom("platform-http:*").process(OpsRouteGate.this);
                config.interceptFrom("rest:*").process(OpsRouteGate.this);
            }
        };
    }

    @Override
    public void process(Exchange exchange) {
        Optional<OpsAccess.Refusal> refusal = check(exchange.getIn());
        if (refusal.isEmpty()) {
            return;
        }
        OpsAccess.Refusal r = refusal.get();
        Message answer = exchange.getMessage();
        // nothing of the request is echoed (its Authorization header above all)
        answer.removeHeaders("*");
        answer.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (r.status() == 401) {
            answer.setHeader("WWW-Authenticate", "Bearer realm=\"bison-sync\"");
        }
        answer.setBody(json(r.message()));
        exchange.setRouteStop(true);
    }

    /** The refusal for the request {@code message} carries, or empty to serve it. */
    Optional<OpsAccess.Refusal> check(Message message) {
        Request request = Request.of(message);
        if (request == null) {
            return Optional.of(UNREADABLE);
        }
        try {
            return check(message, request);
        } catch (RuntimeException e) {
            return Optional.of(UNREADABLE);
        }
    }

    private static final OpsAccess.Refusal UNREADABLE = new OpsAccess.Refusal(403, "the ops API's access check cannot read this"
            + " server's requests: it runs on camel-main's HTTP server or a servlet-based platform-http engine (e.g. Camel Spring Boot's)");

    private Optional<OpsAccess.Refusal> check(Message message, Request request) {
        String authorization = request.header("Authorization");
        Object copied = message.getHeader("Authorization");
        if ((copied != null && !Objects.equals(copied, authorization)) || tokenInQuery(request.queryString())) {
            return Optional.of(new OpsAccess.Refusal(401, "tokens are read from the Authorization header only, never from query or"
                    + " form parameters"));
        }
        String path = request.path();
        return access.check(request.method(), request.header("Host"), authorization, request.contentLength(),
                path != null && OpsPage.isPageFile(path));
    }

    /** A query parameter named like a credential (authorization, token, access_token, ...). */
    static boolean tokenInQuery(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            if (name.contains("authorization") || name.contains("token") || name.contains("bearer")) {
                return true;
            }
        }
        return false;
    }

    /** The engine's own request (a servlet request), read through its public interfaces. */
    record Request(Object target) {

        static Request of(Message message) {
            try {
                Method getRequest = message.getClass().getMethod("getRequest");
                Object target = getRequest.invoke(message);
                if (target == null || publicMethod(target.getClass(), "getHeader", String.class) == null
                        || publicMethod(target.getClass(), "getMethod") == null) {
                    return null;
                }
                return new Request(target);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
                return null;
            }
        }

        String method() {
            return (String) call("getMethod");
        }

        String header(String name) {
            Method m = publicMethod(target.getClass(), "getHeader", String.class);
            return (String) invoke(m, name);
        }

        String queryString() {
            return (String) call("getQueryString");
        }

        /** The path below the servlet context (the routes' paths). */
        String path() {
            String uri = (String) call("getRequestURI");
            String context = (String) call("getContextPath");
            return uri != null && context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        }

        long contentLength() {
            Object length = call("getContentLengthLong");
            if (length instanceof Long l) {
                return l;
            }
            // unreadable: as good as too large (a declared length is read from the header itself)
            String header = header("Content-Length");
            if (header == null) {
                return -1;
            }
            try {
                return Long.parseLong(header.strip());
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }

        private Object call(String name) {
            Method m = publicMethod(target.getClass(), name);
            if (m == null) {
                throw new IllegalStateException("the request has no " + name + "()");
            }
            return invoke(m);
        }

        private Object invoke(Method m, Object... args) {
            try {
                return m.invoke(target, args);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the request: " + e, e);
            }
        }

        /** {@code name} as declared by a public interface or class of {@code type}, callable from here. */
        static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
            Deque<Class<?>> todo = new ArrayDeque<>();
            todo.add(type);
            while (!todo.isEmpty()) {
                Class<?> c = todo.poll();
                if (Modifier.isPublic(c.getModifiers())) {
                    try {
                        Method m = c.getMethod(name, parameters);
                        if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                            return m;
                        }
                    } catch (NoSuchMethodException e) {
                        // not here
                    }
                }
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(java.util.List.of(c.getInterfaces()));
            }
            return null;
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
