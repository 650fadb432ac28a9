package io.bisonsync.simulator;

/** Ways a page of sender emails can come back broken while still looking like a success. */
public enum Malformation {
    /** The valid envelope cut in half, HTTP 200. */
    TRUNCATED_JSON,
    /** HTTP 200 with an HTML page (a captive proxy or maintenance page). */
    HTML_200,
    /** HTTP 200 with {"data":{"success":false,...}}. */
    SUCCESS_FALSE,
    /** The envelope without "meta". */
    MISSING_META,
    /** The envelope without "links". */
    MISSING_LINKS,
    /** The middle record of the page has no "id". */
    RECORD_WITHOUT_ID,
    /** The middle record of the page has no "email". */
    RECORD_WITHOUT_EMAIL,
    /** The first record is replaced by the last record of the previous page, as an insert mid-paging does. */
    DUPLICATE_FROM_PREVIOUS_PAGE
}
