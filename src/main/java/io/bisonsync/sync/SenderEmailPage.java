package io.bisonsync.sync;

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

    /** The contract's end rule: links.next null, current_page >= last_page, or an empty page. Never "a short page". */
    public boolean isLast() {
        return Boolean.FALSE.equals(nextLink)
                || (currentPage != null && lastPage != null && currentPage >= lastPage)
                || records.isEmpty();
    }
}
