package io.bisonsync.write;

import io.bisonsync.run.SyncProperties;
import io.bisonsync.workspace.WorkspaceRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The batch sink of route {@code write-batch} (step {@code stage-batch}): one batch of a workspace's rows is one
 * {@code COPY email_accounts_staging ... FROM STDIN} over a connection of the application's pool (PgJDBC's
 * {@code CopyManager}), in COPY's text format: each row's typed columns as {@link AccountRows} made them, its raw
 * record as JSON text (unparsed) and a 64-bit hash of the row; {@code apply_workspace()} later parses the JSON (into
 * {@code account_data}) only of the rows whose hash (or workspace, or status) differs from the cached row's. COPY is one statement and commits by itself (the pool's connections are in auto-commit): a batch is
 * staged whole or not at all, and nothing reaches {@code email_accounts_cache} before the workspace's merge.
 */
public final class StagingCopy {

    /** The statement; the column order is the order {@link #copyText} writes. */
    public static final String COPY = "COPY email_accounts_staging (run_id, bison_instance, workspace_id, workspace_name,"
            + " bison_id, row_hash, email_address, name, status, type, domain, daily_limit, warmup_enabled, tags,"
            + " emails_sent_count, total_replied_count, total_opened_count, unsubscribed_count, bounced_count,"
            + " unique_replied_count, unique_opened_count, total_leads_contacted_count, interested_leads_count,"
            + " bison_created_at, bison_updated_at, account_data) FROM STDIN";

    private final DataSource dataSource;

    public StagingCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stages the exchange's batch (a {@code List<AccountRow>}) for its workspace; answers the rows COPY reported. */
    @SuppressWarnings("unchecked")
    public long stage(Exchange exchange) throws SQLException {
        List<AccountRow> rows = exchange.getMessage().getBody(List.class);
        WorkspaceRun workspace = exchange.getProperty(SyncProperties.WORKSPACE, WorkspaceRun.class);
        byte[] text = copyText(workspace.runId(), workspace.instanceName(), workspace.workspaceId(), workspace.workspaceName(),
                rows);
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(text, 0, text.length);
                long written = copy.endCopy();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                return written;
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /**
     * The batch in COPY's text format, one line per row: the workspace's constants, the row's id, its hash, its typed
     * columns and its raw record's JSON.
     */
    static byte[] copyText(long runId, String instance, long workspaceId, String workspaceName, List<AccountRow> rows) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(64);
        field(prefix, Long.toString(runId));
        field(prefix, instance);
        field(prefix, Long.toString(workspaceId));
        field(prefix, workspaceName);
        byte[] constant = prefix.toByteArray();
        int size = 0;
        for (AccountRow row : rows) {
            if (row.columns() == null) {
                throw new IllegalArgumentException("account " + row.bisonId() + " has no typed columns (not made by AccountRows)");
            }
            size += constant.length + 48 + row.columns().length + row.json().length + row.json().length / 16;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (AccountRow row : rows) {
            out.write(constant, 0, constant.length);
            byte[] id = Long.toString(row.bisonId()).getBytes(StandardCharsets.US_ASCII);
            out.write(id, 0, id.length);
            out.write('\t');
            byte[] hash = Long.toString(hash(row.json())).getBytes(StandardCharsets.US_ASCII);
            out.write(hash, 0, hash.length);
            out.write('\t');
            out.write(row.columns(), 0, row.columns().length);
            escape(out, row.json(), row.dataStart(), row.json().length - 1);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * FNV-1a, 64 bits, of a row's bytes: equal rows hash equal; a changed row keeps its hash with a chance of about
     * 2^-64 (and a row that differs in one byte never does).
     */
    public static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * One column of COPY's text format and its tab ({@code \N} for null): the one escape every column goes through,
     * the workspace's constants here and a row's typed columns in {@link AccountRows}.
     */
    static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write('\\');
            out.write('N');
            out.write('\t');
            return;
        }
        // text PostgreSQL cannot hold (NUL) never reaches it: the same replacement as AccountRows
        byte[] bytes = value.replace('\0', AccountRows.REPLACEMENT).getBytes(StandardCharsets.UTF_8);
        escape(out, bytes, 0, bytes.length);
        out.write('\t');
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped; every other byte as it is. */
    private static void escape(ByteArrayOutputStream out, byte[] bytes, int start, int end) {
        int from = start;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            char escaped = switch (b) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escaped != 0) {
                out.write(bytes, from, i - from);
                out.write('\\');
                out.write(escaped);
                from = i + 1;
            }
        }
        out.write(bytes, from, end - from);
    }
}
