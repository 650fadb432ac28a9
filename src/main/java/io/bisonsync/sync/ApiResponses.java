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

    /**
     * Reads the response of the {@link BisonRequest} in the exchange property {@code bisonRequest}: its JSON body,
     * or for a lookup a {@link RecordLookup}.
     */
    public Object read(Exchange exchange) {
        Credential credential = exchange.getProperty(SyncProperties.CREDENTIAL, Credential.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        metrics.response(credential, status);
        pacer.observe(credential, integerHeader(exchange, "X-RateLimit-Limit"), integerHeader(exchange, "X-RateLimit-Remaining"));
        BisonRequest request = exchange.getProperty("bisonRequest", BisonRequest.class);
        return request.lookup() ? lookup(exchange, request.label()) : classify(exchange, request.label());
    }

    /**
     * A lookup's 404 and 403 are answers, but only with the API's own JSON error body: an HTML 404 from a proxy or
     * a wrong base URL proves nothing, so it is an error (and the account is kept).
     */
    RecordLookup lookup(Exchange exchange, String source) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int code = status == null ? 0 : status;
        if (code == 404 || code == 403) {
            if (!isJsonObject(exchange.getMessage().getBody(String.class))) {
                throw new BisonApiException(Kind.MALFORMED, code, source + " answered HTTP " + code + " without the API's JSON error body");
            }
            return code == 404 ? RecordLookup.gone() : RecordLookup.elsewhere();
        }
        JsonNode data = classify(exchange, source).get("data");
        if (data == null || !data.isObject()) {
            throw new BisonApiException(Kind.MALFORMED, code, source + " answered without a data object");
        }
        return RecordLookup.found(data);
    }

    private boolean isJsonObject(String body) {
        try {
            return body != null && !body.isBlank() && mapper.readTree(body).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A numeric header, or null when absent or not an integer (a malformed header never fails a read). */
    private static Integer integerHeader(Exchange exchange, String name) {
        Object value = exchange.getMessage().getHeader(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param exchange the exchange right after the http call
     * @param source   what was called, for messages: e.g. "page 3 of [Maverick] Jason Binyon"
     */
    JsonNode classify(Exchange exchange, String source) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            JsonNode json = parse(body, source, code);
            JsonNode data = json.get("data");
            if (data != null && data.isObject() && data.path("success").isBoolean() && !data.path("success").asBoolean()) {
                throw new BisonApiException(Kind.MALFORMED, code, source + " answered success:false: " + message(json));
            }
            return json;
        }
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

    private JsonNode parse(String body, String source, int code) {
        if (body == null || body.isBlank()) {
            throw new BisonApiException(Kind.MALFORMED, code, source + " answered an empty body");
        }
        try {
            JsonNode json = mapper.readTree(body);
            if (json == null || !json.isObject()) {
                throw new BisonApiException(Kind.MALFORMED, code, source + " answered JSON that is not an object");
            }
            return json;
        } catch (JsonProcessingException e) {
            String start = body.stripLeading();
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
