package io.bisonsync.lane;

import com.fasterxml.jackson.databind.JsonNode;
import io.bisonsync.api.BisonApiException;
import io.bisonsync.api.BisonRequest;
import io.bisonsync.api.Credential;
import io.bisonsync.api.EndOfList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workspace list of one lane, read page by page. The contract does not say whether
 * {@code GET /api/workspaces/v1.1} is paginated: a plain {@code {"data": [...]}} answer is the whole list, and
 * Laravel's envelope is followed by the same {@link EndOfList} as sender emails, so an agency with dozens of clients behind one key never loses the ones past page 1.
 */
public final class WorkspaceListing {

    /** A list longer than this many pages is refused: it would be an API that never ends its list. */
    static final int MAX_PAGES = 100;

    private final Credential credential;
    private final Map<Long, String> workspaces = new LinkedHashMap<>();
    private int nextPage = 1;
    private boolean ended;

    public WorkspaceListing(Credential credential) {
        this.credential = credential;
    }

    public boolean hasNextPage() {
        return !ended;
    }

    public BisonRequest pageRequest() {
        return BisonRequest.workspaces(credential, nextPage,
                "workspace list of " + credential.label() + (nextPage == 1 ? "" : " (page " + nextPage + ")"));
    }

    /** Takes one answer: its workspaces, and whether the list goes on. */
    public void accept(JsonNode listing) {
        JsonNode data = listing.get("data");
        if (data == null || !data.isArray()) {
            throw malformed("has no data array");
        }
        for (JsonNode ws : data) {
            if (!ws.path("id").canConvertToLong() || !ws.path("name").isTextual()) {
                throw malformed("has an entry without id or name");
            }
            workspaces.putIfAbsent(ws.get("id").asLong(), ws.get("name").asText());
        }
        JsonNode meta = listing.path("meta");
        JsonNode links = listing.path("links");
        boolean paginated = meta.isObject() || links.isObject();
        ended = !paginated || EndOfList.reached(data.size(), links.isObject() ? links.hasNonNull("next") : null,
                intOrNull(meta.path("current_page")), intOrNull(meta.path("last_page")));
        nextPage++;
        if (!ended && nextPage > MAX_PAGES) {
            throw malformed("did not end within " + MAX_PAGES + " pages");
        }
    }

    private static Integer intOrNull(JsonNode value) {
        return value.canConvertToInt() ? value.asInt() : null;
    }

    /** Workspace id to name, in the order the API listed them. */
    public Map<Long, String> workspaces() {
        return workspaces;
    }

    public Credential credential() {
        return credential;
    }

    private BisonApiException malformed(String problem) {
        return new BisonApiException(BisonApiException.Kind.MALFORMED, 200, "workspace list of " + credential.label() + " " + problem);
    }
}
