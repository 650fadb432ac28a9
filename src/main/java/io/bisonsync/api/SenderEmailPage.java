package io.bisonsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@code GET /api/sender-emails}. {@code meta} or {@code links} may be missing from a page; the
 * end rule then uses what is there, and a page with neither is rejected by {@link PageParser}.
 *
 * @param records     the {@code data} array
 * @param currentPage {@code meta.current_page}, null without meta
 * @param lastPage    {@code meta.last_page}, null without meta
 * @param total       {@code meta.total}, null without meta
 * @param nextLink    whether {@code links.next} is non-null; null without links
 */
public record SenderEmailPage(List<JsonNode> records, Integer currentPage, Integer lastPage, Integer total, Boolean nextLink) {

    /** Whether this page ends the list ({@link EndOfList}). */
    public boolean isLast() {
        return EndOfList.reached(records.size(), nextLink, currentPage, lastPage);
    }
}
