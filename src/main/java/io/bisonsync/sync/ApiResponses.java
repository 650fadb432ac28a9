package io.bisonsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.sync.BisonApiException.Kind;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * Classifies an Email Bison HTTP response (the http endpoint runs with throwExceptionOnFailure=false) and returns
 * its JSON body, or throws a {@link BisonApiException} of the kind the contract prescribes. Never assumes a JSON
 * body on errors: proxies answer 502/503/504 with HTML.
 */
public final class ApiResponses {

    private static final int MAX_MESSAGE = 200;
    private final ObjectMapper mapper;
    private final RequestPacer pacer;
    private final SyncMetrics metrics;

    public ApiResponses(ObjectMapper mapper, RequestPacer pacer, SyncMetrics metrics) {
        this.mapper = mapper;
        this.pacer = pacer;
        this.metrics = metrics;
    }

    /** Reads the response of the {@link BisonRequest} in the exchange property {@code bisonRequest}. */
    public JsonNode read(Exchange exchange) {
        Credential credential = exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        metrics.response(credential, status);
        pacer.observe(credential, exchange.getMessage().getHeader("X-RateLimit-Remaining", Integer.class));
        return classify(exchange, exchange.getProperty("bisonRequest", BisonRequest.class).label());
    }

    /**
     * @param exchange the exchange right after the http call
     * @param source   what was called, for messages: e.g. "page 3 of [Maverick] Jason Binyon"
     */
    JsonNode classify(Exchange exchange, String source) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            // parsed from the bytes (Jackson's UTF-8 parser), without decoding the page into a String first
            JsonNode json = parse(exchange.getMessage().getBody(byte[].class), source, code);
            JsonNode data = json.get("data");
            if (data != null && data.isObject() && data.path("success").isBoolean() && !data.path("success").asBoolean()) {
                throw new BisonApiException(Kind.MALFORMED, code, source + " answered success:false: " + message(json));
            }
            return json;
        }
        String body = exchange.getMessage().getBody(String.class);
        String what = source + " answered HTTP " + code;
        String detail = errorMessage(body);
        String text = detail == null ? what : what + ": " + detail;
        if (code == 401 || code == 403) {
            throw new BisonApiException(Kind.AUTH, code, text + " (check the API key configured for this instance)");
        }
        if (code == 429) {
            throw new BisonApiException(Kind.RATE_LIMITED, code, text, retryAfter(exchange, body));
        }
        if (code >= 500) {
            throw new BisonApiException(Kind.TRANSIENT, code, text);
        }
        throw new BisonApiException(Kind.CLIENT, code, text);
    }

    private JsonNode parse(byte[] body, String source, int code) {
        if (body == null || new String(body, 0, Math.min(body.length, 64), java.nio.charset.StandardCharsets.UTF_8).isBlank()
                && new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new BisonApiException(Kind.MALFORMED, code, source + " answered an empty body");
        }
        try {
            JsonNode json = mapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw new BisonApiException(Kind.MALFORMED, code, source + " answered JSON that is not an object");
            }
            return json;
        } catch (java.io.IOException e) {
            String start = new String(body, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
            String kind = start.startsWith("<") ? "an HTML page" : "invalid or truncated JSON";
            throw new BisonApiException(Kind.MALFORMED, code, source + " answered " + kind + " instead of JSON");
        }
    }

    /** The contract's message order: data.message, then message, then error. */
    private String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return message(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return body.stripLeading().startsWith("<") ? "(HTML body)" : "(non-JSON body)";
        }
    }

    private static String message(JsonNode json) {
        for (JsonNode n : new JsonNode[] {json.path("data").path("message"), json.path("message"), json.path("error")}) {
            if (n.isTextual() && !n.asText().isBlank()) {
                String m = n.asText().strip();
                return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
            }
        }
        return null;
    }

    private Duration retryAfter(Exchange exchange, String body) {
        String header = exchange.getMessage().getHeader("Retry-After", String.class);
        Long seconds = parseSeconds(header);
        if (seconds == null && body != null) {
            try {
                JsonNode n = mapper.readTree(body).path("retry_after");
                seconds = n.canConvertToLong() ? n.asLong() : null;
            } catch (JsonProcessingException e) {
                seconds = null;
            }
        }
        return Duration.ofSeconds(seconds == null ? 1 : Math.max(0, seconds));
    }

    private static Long parseSeconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null; // an HTTP-date Retry-After is not used by Laravel; fall back to the body or 1 s
        }
    }
}
