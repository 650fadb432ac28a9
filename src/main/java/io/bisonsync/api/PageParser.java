package io.bisonsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Turns a sender-email response body into a {@link SenderEmailPage}, rejecting what is not the documented envelope. */
public final class PageParser {

    public SenderEmailPage parse(JsonNode body, String source) {
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw malformed(source, "has no data array");
        }
        JsonNode meta = body.get("meta");
        JsonNode links = body.get("links");
        boolean hasMeta = meta != null && meta.isObject();
        boolean hasLinks = links != null && links.isObject();
        if (!hasMeta && !hasLinks) {
            throw malformed(source, "has neither meta nor links, so its end cannot be told");
        }
        List<JsonNode> records = new ArrayList<>(data.size());
        data.forEach(records::add);
        return new SenderEmailPage(records,
                hasMeta ? integer(meta, "current_page", source) : null,
                hasMeta ? integer(meta, "last_page", source) : null,
                hasMeta ? integer(meta, "total", source) : null,
                hasLinks ? (links.hasNonNull("next") ? Boolean.TRUE : Boolean.FALSE) : null);
    }

    private static Integer integer(JsonNode meta, String field, String source) {
        JsonNode n = meta.get(field);
        if (n == null || !n.canConvertToInt()) {
            throw malformed(source, "has no integer meta." + field);
        }
        return n.asInt();
    }

    private static BisonApiException malformed(String source, String problem) {
        return new BisonApiException(BisonApiException.Kind.MALFORMED, 200, source + " " + problem);
    }
}
