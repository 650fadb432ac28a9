package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A finished HTTP answer, shaped like the ones Laravel (or the proxy in front of it) gives. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=UTF-8";

    static Response json(int status, JsonNode body) {
        return new Response(status, JSON, Json.bytes(body), Map.of());
    }

    static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {"data": ...}: how every successful call wraps its payload. */
    static Response data(JsonNode data) {
        ObjectNode body = Json.object();
        body.set("data", data);
        return json(200, body);
    }

    /** {"message": "..."}: Laravel's own errors (401, 404 route, 429, 500). */
    static Response message(int status, String message) {
        ObjectNode body = Json.object();
        body.put("message", message);
        return json(status, body);
    }

    /** {"data":{"success":false,"message":"..."}}: Email Bison's application errors. */
    static Response failure(int status, String message) {
        ObjectNode body = Json.object();
        body.putObject("data").put("success", false).put("message", message);
        return json(status, body);
    }

    static Response unauthenticated() {
        return message(401, "Unauthenticated.");
    }

    /** An injected error: a proxy's HTML page for 502/503/504, Laravel's JSON otherwise. */
    static Response error(int status) {
        return switch (status) {
            case 500 -> message(500, "Server Error");
            case 502 -> proxyPage(502, "Bad Gateway");
            case 503 -> proxyPage(503, "Service Unavailable");
            case 504 -> proxyPage(504, "Gateway Timeout");
            default -> failure(status, "Something went wrong.");
        };
    }

    private static Response proxyPage(int status, String reason) {
        return text(status, HTML, "<html><body><h1>" + status + " " + reason + "</h1></body></html>");
    }

    /** The same answer with white space appended up to {@code bytes} bytes. */
    Response paddedTo(int bytes) {
        byte[] padded = java.util.Arrays.copyOf(body, Math.max(bytes, body.length));
        java.util.Arrays.fill(padded, body.length, padded.length, (byte) ' ');
        return new Response(status, contentType, padded, headers);
    }

    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }
}
