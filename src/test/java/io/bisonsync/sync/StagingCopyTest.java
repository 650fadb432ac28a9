package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch sink's COPY text: one line per row, the workspace's constants first, escapes COPY's text format needs. */
class StagingCopyTest {

    private static AccountRow row(long id, String json) {
        return new AccountRow(id, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachRowIsOneLineOfTheWorkspaceConstantsItsIdItsHashAndItsJson() {
        AccountRow first = row(11, "{\"id\":11,\"email\":\"a@x.io\"}");
        AccountRow second = row(12, "{\"id\":12,\"email\":\"b@x.io\",\"name\":\"Zoë\"}");
        String text = new String(StagingCopy.copyText(7, "bench-1", 42, "Acme", List.of(first, second)), StandardCharsets.UTF_8);

        assertThat(text.split("\n", -1)).containsExactly(
                "7\tbench-1\t42\tAcme\t11\t" + StagingCopy.hash(first.json()) + "\t{\"id\":11,\"email\":\"a@x.io\"}",
                "7\tbench-1\t42\tAcme\t12\t" + StagingCopy.hash(second.json()) + "\t{\"id\":12,\"email\":\"b@x.io\",\"name\":\"Zoë\"}",
                "");
    }

    @Test
    void backslashesTabsAndLineBreaksAreEscapedAndNulInAWorkspaceNameIsReplaced() {
        AccountRow quoted = row(1, "{\"name\":\"a\\\"b\\\\c\"}"); // JSON escapes: \" and \\
        String text = new String(StagingCopy.copyText(1, "in\tst", 2, "Tab\tNew\nLine\r\\\0", List.of(quoted)),
                StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("1\tin\\tst\t2\tTab\\tNew\\nLine\\r\\\\\uFFFD\t1\t" + StagingCopy.hash(quoted.json())
                + "\t{\"name\":\"a\\\\\"b\\\\\\\\c\"}\n");
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
