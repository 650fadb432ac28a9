package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Laravel's paginated envelope (data, links, meta) for one page of sender emails. */
final class PageEnvelope {

    /** Email Bison's fixed page size: any per_page the client sends is ignored. */
    static final int PER_PAGE = 15;

    private PageEnvelope() {
    }

    /** Offset of the first record of {@code page} (1-based) in the list. */
    static int offset(int page) {
        return (page - 1) * PER_PAGE;
    }

    static ObjectNode build(String listUrl, int page, SimWorkspace.Slice slice) {
        int lastPage = Math.max(1, (slice.total() + PER_PAGE - 1) / PER_PAGE);
        boolean empty = slice.records().isEmpty();
        ObjectNode envelope = Json.object();
        envelope.putArray("data").addAll(slice.records());

        ObjectNode links = envelope.putObject("links");
        links.put("first", pageUrl(listUrl, 1));
        links.put("last", pageUrl(listUrl, lastPage));
        links.put("prev", page > 1 ? pageUrl(listUrl, page - 1) : null);
        links.put("next", page < lastPage ? pageUrl(listUrl, page + 1) : null);

        ObjectNode meta = envelope.putObject("meta");
        meta.put("current_page", page);
        meta.put("from", empty ? null : offset(page) + 1);
        meta.put("last_page", lastPage);
        meta.put("per_page", PER_PAGE);
        meta.put("to", empty ? null : offset(page) + slice.records().size());
        meta.put("total", slice.total());
        meta.put("path", listUrl);
        return envelope;
    }

    private static String pageUrl(String listUrl, int page) {
        return listUrl + "?page=" + page;
    }
}
