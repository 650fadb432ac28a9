package io.bisonsync.api;

/**
 * One Email Bison call as the {@code call-bison} route sends it.
 *
 * @param method HTTP method
 * @param uri    absolute URL without query
 * @param query  query string (built here, never taken from links.next, which may drop filters) or null
 * @param body   JSON body or null
 * @param label  what is called, for messages: "page 3 of [Maverick] Jason Binyon"
 * @param lookup a single-record lookup, whose 404 and 403 are answers ({@link RecordLookup}), not errors
 */
public record BisonRequest(String method, String uri, String query, String body, String label, boolean lookup) {

    public BisonRequest(String method, String uri, String query, String body, String label) {
        this(method, uri, query, body, label, false);
    }

    public static BisonRequest get(String uri, String query, String label) {
        return new BisonRequest("GET", uri, query, null, label);
    }

    /** {@code GET /api/sender-emails/{id}}. */
    public static BisonRequest lookup(String uri, String label) {
        return new BisonRequest("GET", uri, null, null, label, true);
    }

    // ---- the API's paths, in one place (see email-bison-api.md)

    /** One page of the workspaces a key sees (the first page without a query: an unpaginated list is all of it). */
    public static BisonRequest workspaces(Credential lane, int page, String label) {
        return get(lane.instance().baseUrl() + "/api/workspaces/v1.1", page == 1 ? null : "page=" + page, label);
    }

    /** One page of the current workspace's sender emails. */
    public static BisonRequest senderEmails(Credential lane, int page, int perPage, String label) {
        return get(lane.instance().baseUrl() + "/api/sender-emails", "page=" + page + "&per_page=" + perPage, label);
    }

    /** Super-admin keys only: makes {@code workspaceId} the key's current workspace. */
    public static BisonRequest switchWorkspace(Credential lane, long workspaceId, String label) {
        return new BisonRequest("POST", lane.instance().baseUrl() + "/api/workspaces/v1.1/switch-workspace", null,
                "{\"team_id\":" + workspaceId + "}", label);
    }

    /** The lookup that proves an unseen account gone (404), moved (403) or still here (200). */
    public static BisonRequest senderEmail(Credential lane, long bisonId, String label) {
        return lookup(lane.instance().baseUrl() + "/api/sender-emails/" + bisonId, label);
    }
}
