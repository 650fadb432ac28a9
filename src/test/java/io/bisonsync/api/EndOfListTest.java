package io.bisonsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The end of a list, as the contract states it, and never a short page. */
class EndOfListTest {

    @ParameterizedTest(name = "{0} rows, next link {1}, page {2} of {3}: ended {4}")
    @CsvSource(nullValues = "-", value = {
        // records, links.next non-null, current_page, last_page, ended
        "15, true,  1,  29, false",   // a full page in the middle
        "15, true,  -,  -,  false",   // links only, next present
        "15, -,     3,  29, false",   // meta only, before the last page
        "15, false, 1,  29, true",    // links.next null ends it, whatever meta says
        "15, true,  29, 29, true",    // current_page reached last_page, whatever links say
        "15, true,  30, 29, true",    // past the last page
        "15, -,     29, 29, true",    // meta only, on the last page
        "0,  true,  1,  29, true",    // an empty page ends it
        "0,  -,     -,  -,  true",
        "13, true,  28, 29, false",   // a short page is not the end
        "1,  -,     5,  9,  false",
        "3,  true,  -,  -,  false",
        "13, false, -,  -,  true",    // the last, short page ends it for its link, not its size
        "15, -,     -,  29, false",   // half a meta proves nothing
        "15, -,     29, -,  false",
    })
    void theListEndsOnANullNextLinkTheLastPageOrAnEmptyPageOnly(int records, Boolean nextLink, Integer currentPage, Integer lastPage,
                                                                 boolean ended) {
        assertThat(EndOfList.reached(records, nextLink, currentPage, lastPage)).isEqualTo(ended);
    }

    @Test
    void noPageShorterThanTheServersSizeEndsAListThatSaysItGoesOn() {
        for (int records = 1; records <= 100; records++) {
            assertThat(EndOfList.reached(records, true, 1, 2)).as("%d rows", records).isFalse();
            assertThat(EndOfList.reached(records, null, 1, 2)).as("%d rows, meta only", records).isFalse();
            assertThat(EndOfList.reached(records, true, null, null)).as("%d rows, links only", records).isFalse();
        }
    }
}
