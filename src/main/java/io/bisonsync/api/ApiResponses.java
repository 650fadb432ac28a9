package io.bisonsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.api.BisonApiException.Kind;
import io.bisonsync.config.Secrets;
import io.bisonsync.errors.Text;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.SyncProperties;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * Classifies an Email Bison HTTP response as {@link BisonHttp#send} leaves it (status code, the headers it keeps and
 * the body; an error status is an answer, not an exception) and returns its JSON body, or throws a {@link BisonApiException} of the kind the contract prescribes. Never assumes a JSON
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
        pacer.observe(credential, rateLimitHeader(exchange.getMessage().getHeader("X-RateLimit-Limit", String.class)),
                rateLimitHeader(exchange.getMessage().getHeader("X-RateLimit-Remaining", String.class)));
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
                // without a configured secret (an API may echo the key it refused), before it is cut; one line: an
                // API's text must not forge log lines
                String m = Text.oneLine(Secrets.scrub(n.asText()));
                return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
            }
        }
        return null;
    }

    /** A wait longer than any client accepts: what an overflowing Retry-After means. */
    static final Duration FOREVER = Duration.ofDays(365);
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private Duration retryAfter(Exchange exchange, String body) {
        Duration wait = retryAfter(exchange.getMessage().getHeader("Retry-After", String.class));
        if (wait == null && body != null) {
            try {
                JsonNode n = mapper.readTree(body).path("retry_after");
                wait = n.isIntegralNumber() || n.isTextual() ? retryAfter(n.asText()) : null;
            } catch (JsonProcessingException e) {
                wait = null;
            }
        }
        return wait == null ? DEFAULT_WAIT : wait;
    }

    /**
     * Retry-After as a wait: delta-seconds or an HTTP-date (RFC 9110). A number too large for a long is a wait
     * longer than anyone accepts ({@link #FOREVER}); a negative, fractional or unreadable one is ignored (null),
     * so the caller falls back to the body's retry_after, then 1 s. Never negative.
     */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.matches("\\d+")) {
            try {
                long seconds = Long.parseLong(v);
                return seconds > FOREVER.toSeconds() ? FOREVER : Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                return FOREVER;
            }
        }
        try {
            java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(java.time.Instant.now(), at.toInstant());
            return until.isNegative() ? Duration.ZERO : until.compareTo(FOREVER) > 0 ? FOREVER : until;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** An X-RateLimit-* header as a number; anything else (a proxy's "unknown", "1.5", garbage) is ignored. */
    static Integer rateLimitHeader(String header) {
        if (header == null || !header.strip().matches("-?\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(header.strip());
    }
}
