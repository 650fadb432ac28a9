package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndTimestampsAreIsoUtc() {
        Map<String, Object> row = new HashMap<>();
        row.put("workspace", "Acme, \"the\" best\nagency");
        row.put("completed_at", Timestamp.from(Instant.parse("2026-11-28T16:23:28Z")));
        row.put("accounts", 433);
        row.put("error_message", null);

        String csv = Csv.of(List.of(row), List.of("workspace", "completed_at", "accounts", "error_message"));

        assertThat(csv).isEqualTo("workspace,completed_at,accounts,error_message\r\n"
                + "\"Acme, \"\"the\"\" best\nagency\",2026-11-28T16:23:28Z,433,\r\n");
    }

    @Test
    void aValueThatASpreadsheetWouldRunAsAFormulaIsDefusedButNegativeNumbersStayNumbers() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("+1 call me")).isEqualTo("'+1 call me");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field(-3)).isEqualTo("-3");
        assertThat(Csv.field("-2.5")).isEqualTo("-2.5");
    }

    @Test
    void aTabOrCarriageReturnBeforeAFormulaIsDefusedToo() {
        assertThat(Csv.field("\t=cmd|' /C calc'!A0")).startsWith("'\t=cmd");
        assertThat(Csv.field("\r=1+1")).isEqualTo("\"'\r=1+1\"");
    }
}
