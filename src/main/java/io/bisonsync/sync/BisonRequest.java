package io.bisonsync.sync;

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
}
