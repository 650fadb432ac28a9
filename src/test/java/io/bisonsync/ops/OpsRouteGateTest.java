package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.Secret;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

class OpsRouteGateTest {

    /** The part of a servlet request the gate reads. */
    public interface FakeRequest {
        String getMethod();

        String getHeader(String name);

        String getQueryString();

        String getRequestURI();

        String getContextPath();

        long getContentLengthLong();
    }

    /** A platform-http message that exposes its engine's request, as Camel Spring Boot's does. */
    public static final class EngineMessage extends DefaultMessage {
        private final Object request;

        EngineMessage(CamelContext context, Object request) {
            super(context);
            this.request = request;
        }

        public Object getRequest() {
            return request;
        }
    }

    private final CamelContext context = new DefaultCamelContext();
    private final OpsRouteGate gate = new OpsRouteGate(new OpsAccess(new Secret("ops-1"), new Secret("read-1"), "0.0.0.0", Set.of()));

    private static Object request(String method, String path, String query, Map<String, String> headers) {
        return Proxy.newProxyInstance(FakeRequest.class.getClassLoader(), new Class<?>[] {FakeRequest.class}, (proxy, m, args) -> switch (m.getName()) {
            case "getMethod" -> method;
            case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
            case "getQueryString" -> query;
            case "getRequestURI" -> path;
            case "getContextPath" -> "";
            case "getContentLengthLong" -> -1L;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private Optional<Integer> status(Object request, Map<String, Object> camelHeaders) {
        EngineMessage message = new EngineMessage(context, request);
        camelHeaders.forEach(message::setHeader);
        return gate.check(message).map(OpsAccess.Refusal::status);
    }

    @Test
    void theRuleIsOpsAccessReadFromTheRealRequest() {
        assertThat(status(request("POST", "/api/sync", null, Map.of()), Map.of())).contains(401);
        assertThat(status(request("POST", "/api/sync", null, Map.of("authorization", "Bearer nope")), Map.of())).contains(401);
        assertThat(status(request("POST", "/api/sync", null, Map.of("authorization", "Bearer read-1")), Map.of())).contains(401);
        assertThat(status(request("POST", "/api/sync", null, Map.of("authorization", "Bearer ops-1")), Map.of("Authorization", "Bearer ops-1")))
                .isEmpty();
        assertThat(status(request("GET", "/api/sync/runs", null, Map.of()), Map.of())).contains(401);
        assertThat(status(request("GET", "/api/sync/runs", null, Map.of("authorization", "Bearer read-1")), Map.of())).isEmpty();
        assertThat(status(request("GET", "/ui/app.js", null, Map.of()), Map.of())).isEqualTo(
                new OpsAccess(new Secret("ops-1"), new Secret("read-1"), "0.0.0.0", Set.of()).check("GET", null, null, -1,
                        OpsPage.isPageFile("/ui/app.js")).map(OpsAccess.Refusal::status));
    }

    @Test
    void aTokenFromAQueryOrFormParameterIsRefusedEvenWhenItIsRight() {
        // the engine copied ?Authorization=... into the Camel header: the real request has none
        assertThat(status(request("POST", "/api/sync", "Authorization=Bearer%20ops-1", Map.of()), Map.of("Authorization", "Bearer ops-1")))
                .contains(401);
        // a form field of the same name, with no query string
        assertThat(status(request("POST", "/api/sync", null, Map.of()), Map.of("Authorization", "Bearer ops-1"))).contains(401);
        assertThat(status(request("GET", "/api/sync/runs", "access_token=read-1", Map.of("authorization", "Bearer read-1")), Map.of()))
                .contains(401);
    }

    @Test
    void aRequestItCannotReadIsRefused() {
        assertThat(gate.check(new DefaultMessage(context)).map(OpsAccess.Refusal::status)).contains(403);
        assertThat(status("not a request", Map.of())).contains(403);
    }

    @Test
    void aRefusalIsAnsweredAsJsonAndStopsTheRoute() throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.setIn(new EngineMessage(context, request("POST", "/api/sync", null, Map.of("authorization", "Bearer nope"))));
        exchange.getIn().setHeader("Authorization", "Bearer nope");
        gate.process(exchange);
        assertThat(exchange.isRouteStop()).isTrue();
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"error\":\"wrong bearer token\"}");
    }
}
