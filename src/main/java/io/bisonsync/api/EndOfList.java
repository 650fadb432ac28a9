package io.bisonsync.api;

/**
 * The end of a paginated list, the product's most important rule, in one place for every list it reads (sender
 * emails, a lane's workspace list): the list ended when {@code links.next} is null, {@code meta.current_page >=
 * meta.last_page}, or a page is empty. Never "a short page": the API serves 15 rows whatever per_page asks for.
 */
public final class EndOfList {

    private EndOfList() {
    }

    /**
     * @param records     rows on the page
     * @param nextLink    whether {@code links.next} is non-null; null when the page has no {@code links}
     * @param currentPage {@code meta.current_page}, null without it
     * @param lastPage    {@code meta.last_page}, null without it
     */
    public static boolean reached(int records, Boolean nextLink, Integer currentPage, Integer lastPage) {
        return records == 0
                || Boolean.FALSE.equals(nextLink)
                || (currentPage != null && lastPage != null && currentPage >= lastPage);
    }
}
