package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns a correct page envelope into one of the broken 200 answers a client must not trust. */
final class Malformations {

    private Malformations() {
    }

    /**
     * @param previousLast the last record of the previous page, or null on page 1 (then the duplicate is a no-op)
     */
    static Response apply(Malformation kind, ObjectNode envelope, JsonNode previousLast) {
        ArrayNode data = (ArrayNode) envelope.get("data");
        switch (kind) {
            case TRUNCATED_JSON -> {
                String text = Json.text(envelope);
                return Response.text(200, Response.JSON, text.substring(0, text.length() / 2));
            }
            case HTML_200 -> {
                return Response.text(200, Response.HTML,
                        "<!DOCTYPE html><html><head><title>Maintenance</title></head>"
                                + "<body><h1>We'll be right back</h1></body></html>");
            }
            case SUCCESS_FALSE -> {
                return Response.failure(200, "Something went wrong.");
            }
            case MISSING_META -> envelope.remove("meta");
            case MISSING_LINKS -> envelope.remove("links");
            case RECORD_WITHOUT_ID -> removeFromMiddleRecord(data, "id");
            case RECORD_WITHOUT_EMAIL -> removeFromMiddleRecord(data, "email");
            case DUPLICATE_FROM_PREVIOUS_PAGE -> {
                if (previousLast != null && !data.isEmpty()) {
                    data.set(0, previousLast);
                }
            }
        }
        return Response.json(200, envelope);
    }

    private static void removeFromMiddleRecord(ArrayNode data, String field) {
        if (!data.isEmpty()) {
            ((ObjectNode) data.get(data.size() / 2)).remove(field);
        }
    }
}
