package io.bisonsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bisonsync.run.ProcessIdentity;
import io.bisonsync.run.RunLock;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.support.ChildApplication;
import io.bisonsync.support.SuperAdminReads;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.support.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas of the real application, each in its own JVM, against one PostgreSQL and one simulator, on a
 * schedule every 2 seconds: each fire runs once, on one replica, never two runs at a time; a killed replica's run
 * ends abandoned and another replica takes the next fire; the manual trigger and {@code --once} respect the run
 * in progress elsewhere; a changed cron reaches the stored trigger on the next start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaFleetTest extends SyncTestSupport {

    private static final String TOKEN = "fleet-ops-token";
    private static final int PERIOD_SECONDS = 2;
    private static final String CRON = "0/" + PERIOD_SECONDS + " * * * * ?";
    private static final Pattern FIRE = Pattern.compile("sync-schedule - Scheduled fire of (\\S+)");
    private static final Pattern SKIPPED = Pattern.compile("Sync run skipped \\(trigger schedule\\)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A child JVM of the application and the port of its ops API. */
    private record Replica(ChildApplication app, int opsPort) implements AutoCloseable {

        static Replica start(Properties config, Map<String, String> extra, boolean once) {
            Properties p = new Properties();
            p.putAll(config);
            p.putAll(extra);
            ChildApplication app = ChildApplication.start(p, List.of("-Xmx192m", "-XX:TieredStopAtLevel=1"), Map.of(),
                    once ? new String[] {"--once"} : new String[0]);
            return new Replica(app, Integer.parseInt(p.getProperty("bison.ops.port")));
        }

        long pid() {
            return app.pid();
        }

        Process process() {
            return app.process();
        }

        String log() {
            return app.output();
        }

        Path logFile() {
            return app.dir().resolve("child.log");
        }

        void kill() throws InterruptedException {
            app.kill();
        }

        @Override
        public void close() {
            app.close();
        }
    }

    private final List<Replica> replicas = new ArrayList<>();
    private final List<Replica> others = new ArrayList<>();

    @Override
    protected FleetSpec fleet() {
        return FleetSpec.builder()
                .instance("maverick", "Maverick", KeyMode.SUPER_ADMIN).workspace("Alpha", 30).workspace("Beta", 20).workspace("Gamma", 15)
                .instance("long-run", "Long Run", KeyMode.API_USER).workspace("Delta", 15)
                .build();
    }

    @BeforeAll
    void startThreeReplicas() {
        for (int i = 1; i <= 3; i++) {
            replicas.add(Replica.start(replicaConfig(), Map.of(), false));
        }
        for (Replica replica : replicas) {
            await("replica " + replica.pid() + " serves its ops API on the clustered schedule").atMost(Duration.ofSeconds(90))
                    .until(() -> schedule(replica) != null && schedule(replica).path("clustered").asBoolean());
        }
    }

    @AfterAll
    void stopReplicas() {
        replicas.forEach(Replica::close);
        others.forEach(Replica::close);
    }

    @Test
    @Order(1)
    void tenScheduledFiresRunOnceEachOneAtATimeAcrossTheReplicasAndTheSuperAdminKeyIsNeverReadInterleaved() {
        long before = db().count("SELECT count(*) FROM email_sync_logs");
        await("ten scheduled runs").atMost(Duration.ofSeconds(90)).until(() -> db().count("SELECT count(*) FROM email_sync_logs"
                + " WHERE trigger = 'schedule' AND status <> 'running' AND id > ?", before) >= 10);

        List<Map<String, Object>> runs = finishedRuns();
        assertThat(runs).hasSizeGreaterThanOrEqualTo(10).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("success");
            assertThat(r.get("trigger")).isEqualTo("schedule");
            assertThat(replicas.stream().map(Replica::pid).toList()).contains(pidOf((String) r.get("instance_id")));
        });
        assertNoTwoRunsOverlap(runs);

        // each fire was delivered once, to one replica; none was lost; each one either ran or was skipped
        List<Instant> fires = new ArrayList<>();
        replicas.forEach(r -> fires.addAll(scheduledFires(r)));
        assertThat(fires).as("fires delivered").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(10);
        List<Instant> sorted = fires.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).as("no fire lost after %s", sorted.get(i - 1))
                    .isLessThanOrEqualTo(Duration.ofSeconds(PERIOD_SECONDS));
        }
        await("every fire delivered so far is a run or a skipped trigger").atMost(Duration.ofSeconds(20)).until(() -> {
            long delivered = replicas.stream().mapToLong(r -> scheduledFires(r).size()).sum();
            long skipped = replicas.stream().mapToLong(r -> skippedTriggers(r)).sum();
            long started = db().count("SELECT count(*) FROM email_sync_logs WHERE trigger = 'schedule'");
            return started + skipped == delivered;
        });

        // every read of the super-admin key belongs to one run, and within each run no two workspaces interleave
        List<RequestLog.Event> reads = simulator().requests().events(simulator().superAdminKey("maverick"));
        List<RequestLog.Event> inRuns = new ArrayList<>();
        for (Map<String, Object> r : runs) {
            List<RequestLog.Event> ofRun = reads.stream().filter(e -> within(e.at(), r)).toList();
            assertThat(SuperAdminReads.assertNeverInterleaved(ofRun)).as("workspaces of run %s", r.get("id")).hasSize(3);
            inRuns.addAll(ofRun);
        }
        long firstStart = ((Number) runs.get(0).get("started_ms")).longValue();
        long lastEnd = ((Number) runs.get(runs.size() - 1).get("completed_ms")).longValue();
        assertThat(reads.stream().filter(e -> e.at().toEpochMilli() >= firstStart && e.at().toEpochMilli() <= lastEnd))
                .as("no read of the key outside a run").hasSameSizeAs(inRuns);
    }

    @Test
    @Order(2)
    void aManualTriggerOnOneReplicaWhileAnotherRunsAnswers409NamingTheProcessThatRuns() throws Exception {
        simulator().faults().latency(Duration.ofMillis(400)); // a run now takes about 4 s
        long since = dbNowMs();
        try {
            Map<String, Object> running = awaitRunningRow(since);
            String instance = (String) running.get("instance_id");
            Replica other = replicas.stream().filter(r -> r.pid() != pidOf(instance)).findFirst().orElseThrow();

            HttpResponse<String> answer = post(other, "/api/sync");

            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(answer.body()).path("error").asText())
                    .startsWith("a sync run is in progress (run " + running.get("id") + ", trigger schedule, on host ")
                    .contains("instance " + instance);
            JsonNode schedule = schedule(other);
            assertThat(schedule.path("running").asBoolean()).isTrue();
            assertThat(schedule.path("run").path("process").path("instanceId").asText()).isEqualTo(instance);
            assertThat(schedule.path("nextFireTime").asText()).as("the cluster's next fire").isNotEmpty();
        } finally {
            simulator().faults().reset();
        }
    }

    @Test
    @Order(3)
    void onceBesideTheFleetWaitsForTheRunInProgressOrGivesUpWithExitCode5() throws Exception {
        RunLock heldHere = new RunLock(() -> TestPostgres.connect(db().url()), ProcessIdentity.of("test-holder", 1, 1));
        RunLock.Lease lease = awaitLease(heldHere);
        try {
            Replica impatient = Replica.start(onceConfig(), Map.of("bison.sync.once-lock-wait", "1s"), true);
            others.add(impatient);
            assertThat(impatient.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(impatient.process().exitValue()).isEqualTo(5);
            assertThat(impatient.log()).contains("bison-sync: not run: a sync run is in progress (a run starting on instance test-holder-1-1)"
                    + " for longer than 1 s (bison.sync.once-lock-wait)");

            Replica patient = Replica.start(onceConfig(), Map.of("bison.sync.once-lock-wait", "60s"), true);
            others.add(patient);
            await("--once waits for the lock").atMost(Duration.ofSeconds(60))
                    .until(() -> patient.log().contains("Waiting up to 60 s for the sync run in progress"));
            long releasedAt = dbNowMs();
            lease.close();
            lease = null;

            assertThat(patient.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(patient.process().exitValue()).as("see %s", patient.logFile()).isZero();
            Map<String, Object> onceRun = db().row("SELECT (extract(epoch FROM started_at) * 1000)::bigint AS started_ms"
                    + " FROM email_sync_logs WHERE instance_id LIKE ?", "%-" + patient.pid() + "-%");
            assertThat(((Number) onceRun.get("started_ms")).longValue()).isGreaterThanOrEqualTo(releasedAt);
            assertNoTwoRunsOverlap(finishedRuns());
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    @Test
    @Order(4)
    void aReplicaKilledMidRunLeavesItsRunAbandonedAndAnotherReplicaRunsTheNextFire() throws Exception {
        simulator().faults().latency(Duration.ofMillis(300));
        Map<String, Object> running = awaitRunningRow(dbNowMs());
        long runId = ((Number) running.get("id")).longValue();
        Replica victim = replicas.stream().filter(r -> r.pid() == pidOf((String) running.get("instance_id")))
                .findFirst().orElseThrow();

        victim.kill();
        replicas.remove(victim);
        long killedAt = dbNowMs();
        simulator().faults().reset();

        await("another replica ran a scheduled run after the kill").atMost(Duration.ofSeconds(90)).until(() -> db().count(
                "SELECT count(*) FROM email_sync_logs WHERE id > ? AND trigger = 'schedule' AND status = 'success' AND instance_id <> ?",
                runId, running.get("instance_id")) > 0);
        Map<String, Object> abandoned = db().row("SELECT status, error_message, (extract(epoch FROM completed_at) * 1000)::bigint AS completed_ms"
                + " FROM email_sync_logs WHERE id = ?", runId);
        assertThat(abandoned).containsEntry("status", "abandoned");
        assertThat(abandoned.get("error_message").toString()).contains("found dead at");
        assertThat(((Number) abandoned.get("completed_ms")).longValue()).as("closed when found dead").isGreaterThanOrEqualTo(killedAt);
        assertNoTwoRunsOverlap(finishedRuns());
    }

    @Test
    @Order(5)
    void aChangedCronInTheConfigurationOrInTheRouteFileReachesTheStoredTriggerWhenAReplicaStarts() throws IOException {
        assertThat(storedCron()).isEqualTo(CRON);

        others.add(Replica.start(replicaConfig(), Map.of("bison.sync.cron", "0/4 * * * * ?"), false));
        await("the stored trigger takes bison.sync.cron of the replica that started").atMost(Duration.ofSeconds(60))
                .until(() -> "0/4 * * * * ?".equals(storedCron()));

        Path routes = Files.createTempDirectory("bison-routes");
        try (var files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                Files.writeString(routes.resolve(f.getFileName()), text.replace("cron: \"{{bison.sync.cron}}\"", "cron: \"0/5 * * * * ?\""));
            }
        }
        assertThat(Files.readString(routes.resolve("sync-schedule.camel.yaml"))).contains("cron: \"0/5 * * * * ?\"");
        others.add(Replica.start(replicaConfig(),
                Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml"), false));
        await("the stored trigger takes the cron written in the route file").atMost(Duration.ofSeconds(60))
                .until(() -> "0/5 * * * * ?".equals(storedCron()));
        assertThat(db().count("SELECT next_fire_time / 1000 % 5 FROM qrtz_triggers WHERE trigger_name = 'sync-schedule'"))
                .as("the next fire is on the new cron").isZero();
    }

    // ------------------------------------------------------------------------------------------------------------

    private Properties replicaConfig() {
        Properties p = childConfig();
        p.put("bison.sync.schedule-enabled", "true");
        p.put("bison.sync.cron", CRON);
        return p;
    }

    private Properties onceConfig() {
        return childConfig();
    }

    private Properties childConfig() {
        Properties p = new Properties();
        p.putAll(useOverridePropertiesWithPropertiesComponent());
        p.put("bison.ops.port", Integer.toString(freePort()));
        p.put("bison.ops.token", TOKEN);
        p.put("bison.sync.run-on-startup", "false");
        p.put("bison.sync.heartbeat", "500ms");
        p.put("bison.db.pool-size", "4");
        return p;
    }

    private List<Map<String, Object>> finishedRuns() {
        return db().rows("SELECT id, status, trigger, instance_id, (extract(epoch FROM started_at) * 1000)::bigint AS started_ms,"
                + " (extract(epoch FROM completed_at) * 1000)::bigint AS completed_ms FROM email_sync_logs"
                + " WHERE status NOT IN ('running', 'abandoned') ORDER BY started_at");
    }

    private static void assertNoTwoRunsOverlap(List<Map<String, Object>> runs) {
        for (int i = 1; i < runs.size(); i++) {
            assertThat(((Number) runs.get(i).get("started_ms")).longValue())
                    .as("run %s starts after run %s ended", runs.get(i).get("id"), runs.get(i - 1).get("id"))
                    .isGreaterThanOrEqualTo(((Number) runs.get(i - 1).get("completed_ms")).longValue());
        }
    }

    private static boolean within(Instant at, Map<String, Object> run) {
        long ms = at.toEpochMilli();
        return ms >= ((Number) run.get("started_ms")).longValue() && ms <= ((Number) run.get("completed_ms")).longValue();
    }

    /** The scheduled fire times a replica's log shows ("Scheduled fire of ..."), one line per fire it took. */
    private static List<Instant> scheduledFires(Replica replica) {
        List<Instant> times = new ArrayList<>();
        Matcher m = FIRE.matcher(replica.log());
        while (m.find()) {
            times.add(OffsetDateTime.parse(m.group(1)).toInstant());
        }
        return times;
    }

    /** How many scheduled triggers a replica skipped because a run was in progress. */
    private static long skippedTriggers(Replica replica) {
        return SKIPPED.matcher(replica.log()).results().count();
    }

    /** A run that started after the latency was set, still in progress. */
    private Map<String, Object> awaitRunningRow(long sinceMs) {
        String sql = "SELECT id, instance_id FROM email_sync_logs WHERE status = 'running' AND started_at >= to_timestamp(? / 1000.0)"
                + " ORDER BY id DESC LIMIT 1";
        await("a run in progress").atMost(Duration.ofSeconds(60)).until(() -> !db().rows(sql, sinceMs).isEmpty());
        return db().row(sql, sinceMs);
    }

    private long dbNowMs() {
        return db().count("SELECT (extract(epoch FROM now()) * 1000)::bigint");
    }

    private static RunLock.Lease awaitLease(RunLock lock) {
        RunLock.Lease[] taken = new RunLock.Lease[1];
        await("the run lock between two runs").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                taken[0] = lock.tryAcquire();
                return taken[0] != null;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return taken[0];
    }

    private String storedCron() {
        List<Map<String, Object>> rows = db().rows("SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'sync-schedule'");
        return rows.isEmpty() ? null : (String) rows.get(0).get("cron_expression");
    }

    /** The pid inside an instance id {@code <host>-<pid>-<start ms>}. */
    private static long pidOf(String instanceId) {
        String[] parts = instanceId.split("-");
        return Long.parseLong(parts[parts.length - 2]);
    }

    private static JsonNode schedule(Replica replica) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.opsPort() + "/api/sync/schedule"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpResponse<String> post(Replica replica, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.opsPort() + path))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
