package io.bisonsync.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch sink's COPY text: one line per row, the workspace's constants first, escapes COPY's text format needs. */
class StagingCopyTest {

    private final AccountRows rows = new AccountRows();

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void eachRowIsOneLineOfConstantsIdHashTypedColumnsAndTheRawRecord() {
        AccountRow row = rows.toRow(json("{\"id\": 11, \"email\": \"a@x.io\", \"name\": \"Zoë\", \"status\": \"Connected\","
                + " \"daily_limit\": 40, \"warmup_enabled\": true, \"tags\": [{\"id\": 1, \"name\": \"V\\\"I,P\"}, \"b\\\\c\"],"
                + " \"emails_sent_count\": 5, \"created_at\": \"2025-01-02T05:04:05+02:00\"}"));
        String text = new String(StagingCopy.copyText(7, "bench-1", 42, "Acme", List.of(row)), StandardCharsets.UTF_8);

        String[] columns = text.substring(0, text.length() - 1).split("\t", -1);
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        assertThat(columns).hasSize(26); // the columns of StagingCopy.COPY
        assertThat(List.of(columns).subList(0, 14)).containsExactly("7", "bench-1", "42", "Acme", "11",
                Long.toString(StagingCopy.hash(row.json())), "a@x.io", "Zoë", "Connected", "\\N", "\\N", "40", "t",
                // the array literal {"V\"I,P","b\\c"}, its backslashes doubled by COPY's escaping
                "{\"V\\\\\"I,P\",\"b\\\\\\\\c\"}");
        assertThat(columns[14]).isEqualTo("5");
        assertThat(columns[15]).isEqualTo("\\N");
        assertThat(columns[23]).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(columns[24]).isEqualTo("\\N");
        // the raw record, as stored in account_data: the row's "data" value, backslashes doubled
        assertThat(columns[25].replace("\\\\", "\\")).isEqualTo(json(row.jsonText()).get("data").toString());
    }

    @Test
    void backslashesTabsAndLineBreaksAreEscapedAndNulInAWorkspaceNameIsReplaced() {
        AccountRow row = rows.toRow(json("{\"id\": 1, \"email\": \"a@x.io\", \"name\": \"tab\\there\\nnew\\\\line\"}"));
        String text = new String(StagingCopy.copyText(1, "in\tst", 2, "Tab\tNew\nLine\r\\\0", List.of(row)),
                StandardCharsets.UTF_8);

        assertThat(text).startsWith("1\tin\\tst\t2\tTab\\tNew\\nLine\\r\\\\\uFFFD\t1\t");
        assertThat(text).contains("\ttab\\there\\nnew\\\\line\t");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void aRowNotMadeByAccountRowsIsRefused() {
        assertThatThrownBy(() -> StagingCopy.copyText(1, "i", 2, "w", List.of(new AccountRow(3, "{\"id\":3}".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account 3");
    }

    @Test
    void theHashIsOfTheBytesEqualRowsHashEqualAndOneChangedByteChangesIt() {
        byte[] row = "{\"id\":1,\"emails_sent_count\":4685}".getBytes(StandardCharsets.UTF_8);
        byte[] same = row.clone();
        byte[] changed = "{\"id\":1,\"emails_sent_count\":4686}".getBytes(StandardCharsets.UTF_8);

        assertThat(StagingCopy.hash(same)).isEqualTo(StagingCopy.hash(row));
        assertThat(StagingCopy.hash(changed)).isNotEqualTo(StagingCopy.hash(row));
        assertThat(StagingCopy.hash(new byte[0])).isEqualTo(0xcbf29ce484222325L);
    }
}
