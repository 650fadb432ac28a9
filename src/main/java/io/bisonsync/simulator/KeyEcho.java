package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error answers that quote the key of the request, as real APIs (and the proxies in front of them) do: in each
 * field the contract's message order reads ({@code data.message}, {@code message}, {@code error}), in plain text,
 * and inside a URL with userinfo. For tests that prove a key the API echoes goes no further.
 */
public enum KeyEcho {
    /** 401 {"message": "Unauthenticated. Bearer <key> was revoked"}. */
    REVOKED_401,
    /** 403 {"message": "Key <key> may not read this workspace"}. */
    FORBIDDEN_403,
    /** 422 {"message": "The token <key> is invalid.", "errors": {...}}. */
    INVALID_422,
    /** 500 {"data": {"success": false, "message": "Internal error for token <key>"}}. */
    DATA_MESSAGE_500,
    /** 400 {"error": "invalid_token:<key>"}. */
    ERROR_FIELD_400,
    /** 500 text/plain "token <key> failed". */
    PLAIN_TEXT_500,
    /** 502 {"message": "upstream https://api:<key>@bison.example/api failed"}. */
    URL_USERINFO_502,
    /** 200 {"data": {"success": false, "message": "key <key> suspended"}}. */
    SUCCESS_FALSE_200;

    Response response(String key) {
        String k = key == null ? "" : key;
        return switch (this) {
            case REVOKED_401 -> Response.message(401, "Unauthenticated. Bearer " + k + " was revoked");
            case FORBIDDEN_403 -> Response.message(403, "Key " + k + " may not read this workspace");
            case INVALID_422 -> {
                ObjectNode body = Json.object();
                body.put("message", "The token " + k + " is invalid.");
                body.putObject("errors").putArray("token").add("The token " + k + " is invalid.");
                yield Response.json(422, body);
            }
            case DATA_MESSAGE_500 -> Response.failure(500, "Internal error for token " + k);
            case ERROR_FIELD_400 -> {
                ObjectNode body = Json.object();
                body.put("error", "invalid_token:" + k);
                yield Response.json(400, body);
            }
            case PLAIN_TEXT_500 -> Response.text(500, "text/plain; charset=UTF-8", "token " + k + " failed");
            case URL_USERINFO_502 -> Response.message(502, "upstream https://api:" + k + "@bison.example/api failed");
            case SUCCESS_FALSE_200 -> Response.failure(200, "key " + k + " suspended");
        };
    }
}
