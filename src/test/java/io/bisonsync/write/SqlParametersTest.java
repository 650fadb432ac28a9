package io.bisonsync.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.config.TestInstance;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.RunRecords;
import io.bisonsync.run.SyncRun;
import io.bisonsync.workspace.WorkspaceRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each row builder fills exactly the named parameters of its statement: a parameter the SQL gains or loses without
 * its builder (or the other way round) fails here, not as a null written into the run log at run time.
 */
class SqlParametersTest {

    private static final Pattern PARAMETER = Pattern.compile(":#([a-zA-Z]+)");
    private final SyncRun run = new SyncRun("manual", java.util.List.of());
    private final WorkspaceRun workspace = new WorkspaceRun(run, TestInstance.superAdmin("maverick").lane(0), 7, "Seven",
            50, 15, Duration.ofSeconds(45));
    private final RunRecords records = new RunRecords(new ObjectMapper(), new SyncMetrics(new SimpleMeterRegistry()));

    private static Set<String> parameters(String statement) throws IOException {
        try (InputStream in = SqlParametersTest.class.getResourceAsStream("/sql/" + statement)) {
            Matcher m = PARAMETER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> names = new TreeSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
    }

    private static Set<String> keys(Map<String, Object> row) {
        return new TreeSet<>(row.keySet());
    }

    @Test
    void theApplyRowFillsApplyWorkspaceSql() throws IOException {
        assertThat(keys(new WorkspaceRows().applyRow(workspace))).isEqualTo(parameters("apply-workspace.sql"));
    }

    @Test
    void theResultRowFillsRecordWorkspaceSql() throws IOException {
        workspace.finishRead();
        assertThat(keys(new WorkspaceRows().resultRow(workspace))).isEqualTo(parameters("record-workspace.sql"));
    }

    @Test
    void theClosingRowFillsCloseRunSql() throws IOException {
        assertThat(keys(records.closeRow(run))).isEqualTo(parameters("close-run.sql"));
    }

    @Test
    void aListingFailureRowFillsRecordListingFailureSql() throws IOException {
        run.listingFailed(new SyncRun.ListingFailure("Maverick", "super-admin key", "BisonApiException", "HTTP 503"));
        assertThat(records.listingFailureRows(run)).singleElement()
                .satisfies(row -> assertThat(keys(row)).isEqualTo(parameters("record-listing-failure.sql")));
    }
}
