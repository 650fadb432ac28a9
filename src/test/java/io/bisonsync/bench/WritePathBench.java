package io.bisonsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bisonsync.api.Credential;
import io.bisonsync.config.TestInstance;
import io.bisonsync.db.Database;
import io.bisonsync.run.SyncProperties;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.simulator.SimulatorSettings;
import io.bisonsync.workspace.WorkspaceRun;
import io.bisonsync.write.AccountBatches;
import io.bisonsync.write.AccountRow;
import io.bisonsync.write.AccountRows;
import io.bisonsync.write.WorkspaceRows;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * The write path alone: the application's batch sink (sql/stage-accounts.sql through camel-sql, one statement per
 * batch of 500 rows over jsonb_to_recordset, parameters built by AccountBatches.statementParameters as in
 * the route, on a pool configured like the application's), then each workspace's merge into the cache in one
 * transaction (sql/apply-workspace.sql, as record-workspace does), against COPY of the same records into a scratch table
 * created LIKE email_accounts_cache INCLUDING ALL (same columns, defaults and indexes). The rows are the fleet's
 * records mapped by AccountRows, exactly what the sync writes. Each path starts from an empty table; after a
 * warm-up round, the median of three rounds counts.
 */
final class WritePathBench {

    /** Rows per second of each path; {@code unchangedRowsPerSecond} is the batch sink over rows already stored. */
    record Result(int rows, double upsertRowsPerSecond, double copyRowsPerSecond, double unchangedRowsPerSecond) {
        double ratio() {
            return upsertRowsPerSecond / copyRowsPerSecond;
        }
    }

    private static final int BATCH_SIZE = 500;
    private static final int ROUNDS = 3;
    private static final String[] COLUMNS = {"bison_instance", "bison_id", "email_address", "name", "status", "type",
        "daily_limit", "warmup_enabled", "domain", "workspace_id", "workspace_name", "tags", "emails_sent_count",
        "total_replied_count", "total_opened_count", "unsubscribed_count", "bounced_count", "unique_replied_count",
        "unique_opened_count", "total_leads_contacted_count", "interested_leads_count", "bison_created_at",
        "bison_updated_at", "account_data", "first_seen_run_id", "last_sync_run_id"};
    private static final String[] ROW_KEYS = {"instance", "bisonId", "email", "name", "status", "type", "dailyLimit",
        "warmupEnabled", "domain", "workspaceId", "workspaceName", "tags", "emails_sent_count", "total_replied_count",
        "total_opened_count", "unsubscribed_count", "bounced_count", "unique_replied_count", "unique_opened_count",
        "total_leads_contacted_count", "interested_leads_count", "createdAt", "updatedAt", "accountData", "runId", "runId"};

    private WritePathBench() {
    }

    static Result run(BenchDatabase database, Fleet fleet) throws Exception {
        // as the application does, camel-sql binds nulls without asking the driver for parameter types:
        // src/main/resources/spring.properties sets spring.jdbc.getParameterType.ignore for this JVM too
        String url = database.create("write_path");
        Flyway.configure().dataSource(url, database.user(), database.password()).locations(Database.MIGRATIONS).load()
                .migrate();
        List<Batch> batches = batches(fleet);
        List<Map<String, Object>> rows = copyRows(fleet);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // as io.bisonsync.db.Database
        try (HikariDataSource pool = new HikariDataSource(config); CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("bisonDataSource", pool);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:write-batch").routeId("bench-write-batch")
                            .setBody(method(new AccountBatches(BATCH_SIZE), "statementParameters"))
                            .to("sql:classpath:sql/stage-accounts.sql");
                    from("direct:apply-workspace").routeId("bench-apply-workspace")
                            .to("sql:classpath:sql/apply-workspace.sql?outputType=SelectOne");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            execute(pool, "CREATE TABLE email_accounts_copy (LIKE email_accounts_cache INCLUDING ALL)");

            List<Map<String, Object>> warmUp = rows.subList(0, Math.min(2_000, rows.size()));
            List<Batch> warmUpBatches = batches.subList(0, Math.min(4, batches.size()));
            execute(pool, "TRUNCATE email_accounts_cache");
            upsert(template, warmUpBatches);
            upsert(template, warmUpBatches);
            copy(pool, warmUp);

            double[] upserts = new double[ROUNDS];
            double[] unchanged = new double[ROUNDS];
            double[] copies = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                execute(pool, "TRUNCATE email_accounts_cache");
                upserts[round] = rows.size() / upsert(template, batches);
                unchanged[round] = rows.size() / upsert(template, batches);
                execute(pool, "TRUNCATE email_accounts_copy");
                copies[round] = rows.size() / copy(pool, rows);
            }
            verify(pool, "email_accounts_cache", rows.size());
            verify(pool, "email_accounts_copy", rows.size());
            return new Result(rows.size(), median(upserts), median(copies), median(unchanged));
        }
    }

    /** One batch as batch-accounts hands it to write-batch: a workspace and up to 500 of its rows. */
    record Batch(WorkspaceRun workspace, List<AccountRow> rows) {
    }

    /** The fleet's records as the sync maps and batches them; the simulator is only asked for its data, not over HTTP. */
    static List<Batch> batches(Fleet fleet) {
        AccountRows mapper = new AccountRows();
        List<Batch> batches = new ArrayList<>();
        SyncRun syncRun = new SyncRun("manual", List.of());
        try (BisonSimulator simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(fleet.spec()))) {
            for (SimInstance instance : simulator.instances()) {
                Credential lane = TestInstance.apiUsers(instance.slug(), 1).name(instance.name())
                        .baseUrl(simulator.baseUrl(instance.slug())).lane(1);
                for (SimWorkspace workspace : instance.workspaces()) {
                    WorkspaceRun run = new WorkspaceRun(syncRun, lane, workspace.id(),
                            workspace.name(), 50, 15, Duration.ofSeconds(45));
                    List<AccountRow> rows = new ArrayList<>();
                    for (JsonNode record : workspace.accounts()) {
                        rows.add(mapper.toRow(record));
                        if (rows.size() == BATCH_SIZE) {
                            batches.add(new Batch(run, rows));
                            rows = new ArrayList<>();
                        }
                    }
                    if (!rows.isEmpty()) {
                        batches.add(new Batch(run, rows));
                    }
                }
            }
        }
        return batches;
    }

    /** The same records as typed values for COPY (the columns the sink fills), with the workspace's constants. */
    static List<Map<String, Object>> copyRows(Fleet fleet) {
        List<Map<String, Object>> rows = new ArrayList<>(fleet.accounts());
        try (BisonSimulator simulator = BisonSimulator.start(SimulatorSettings.defaults().withFleet(fleet.spec()))) {
            for (SimInstance instance : simulator.instances()) {
                for (SimWorkspace workspace : instance.workspaces()) {
                    for (JsonNode record : workspace.accounts()) {
                        Map<String, Object> row = new HashMap<>();
                        row.put("instance", instance.name());
                        row.put("bisonId", record.path("id").asLong());
                        row.put("email", record.path("email").asText());
                        for (String f : new String[] {"name", "status", "type", "domain"}) {
                            row.put(f, record.path(f).isTextual() ? record.get(f).asText() : null);
                        }
                        row.put("dailyLimit", record.path("daily_limit").isInt() ? record.get("daily_limit").asInt() : null);
                        row.put("warmupEnabled", record.path("warmup_enabled").isBoolean() ? record.get("warmup_enabled").asBoolean() : null);
                        row.put("workspaceId", workspace.id());
                        row.put("workspaceName", workspace.name());
                        List<String> tags = new ArrayList<>();
                        record.path("tags").forEach(t -> tags.add(t.isTextual() ? t.asText() : t.path("name").asText()));
                        row.put("tags", tags.toArray(String[]::new));
                        for (String c : ROW_KEYS) {
                            if (c.endsWith("_count")) {
                                row.put(c, record.path(c).isIntegralNumber() ? record.get(c).asLong() : null);
                            }
                        }
                        row.put("createdAt", record.path("created_at").isTextual() ? record.get("created_at").asText() : null);
                        row.put("updatedAt", record.path("updated_at").isTextual() ? record.get("updated_at").asText() : null);
                        row.put("accountData", record.toString());
                        row.put("runId", 1L);
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    /** Seconds to write all rows through the batch sink, one statement per batch, and merge each workspace. */
    private static double upsert(ProducerTemplate template, List<Batch> batches) {
        long started = System.nanoTime();
        java.util.Set<WorkspaceRun> workspaces = new java.util.LinkedHashSet<>();
        for (Batch batch : batches) {
            workspaces.add(batch.workspace());
            Exchange exchange = new DefaultExchange(template.getCamelContext());
            exchange.setProperty(SyncProperties.WORKSPACE, batch.workspace());
            exchange.getMessage().setBody(new ArrayList<>(batch.rows()));
            Exchange done = template.send("direct:write-batch", exchange);
            if (done.getException() != null) {
                throw new IllegalStateException("the batch sink failed", done.getException());
            }
        }
        for (WorkspaceRun workspace : workspaces) {
            Exchange done = template.send("direct:apply-workspace", e -> e.getMessage().setBody(new WorkspaceRows().applyRow(workspace)));
            if (done.getException() != null) {
                throw new IllegalStateException("the workspace merge failed", done.getException());
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Seconds to COPY all rows in one stream, including turning the row maps into CSV. */
    private static double copy(HikariDataSource pool, List<Map<String, Object>> rows) throws SQLException {
        long started = System.nanoTime();
        StringBuilder csv = new StringBuilder(rows.size() * 1_500);
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < ROW_KEYS.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                appendCsv(csv, row.get(ROW_KEYS[i]));
            }
            csv.append('\n');
        }
        try (Connection c = pool.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY email_accounts_copy (" + String.join(", ", COLUMNS)
                    + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed", e);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void appendCsv(StringBuilder csv, Object value) {
        if (value == null) {
            return; // unquoted empty: NULL in CSV format
        }
        String text = value instanceof String[] tags ? arrayLiteral(tags) : value.toString();
        if (value instanceof Number || value instanceof Boolean) {
            csv.append(text);
            return;
        }
        csv.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    private static String arrayLiteral(String[] items) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(items[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    private static void execute(HikariDataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void verify(HikariDataSource pool, String table, int expected) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            if (rs.getInt(1) != expected) {
                throw new IllegalStateException(table + " holds " + rs.getInt(1) + " rows after the write path run, expected "
                        + expected);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
