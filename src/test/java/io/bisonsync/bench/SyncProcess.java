package io.bisonsync.bench;

import io.bisonsync.simulator.BisonSimulator;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.simulator.RequestLog;
import io.bisonsync.simulator.SimInstance;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one sync the way an operator does, {@code java -jar target/bison-sync.jar --once --config FILE}, in its own JVM
 * (so its heap is measured alone), against a simulator started here for the scenario and a database of its own.
 * The configuration file is {@code config/application.properties} with the scenario's keys replaced, not appended,
 * so nothing depends on which of two occurrences of a key wins.
 */
final class SyncProcess {

    /** What one scenario runs: a fleet, its configuration overrides and JVM options. */
    record Scenario(String id, String label, Fleet fleet, Map<String, String> properties, List<String> jvmOptions,
                    boolean largestFirst, boolean unlimited, int gonePerWorkspace) {

        Scenario(String id, String label, Fleet fleet, Map<String, String> properties, List<String> jvmOptions,
                 boolean largestFirst) {
            this(id, label, fleet, properties, jvmOptions, largestFirst, false, 0);
        }

        Scenario(String id, String label, Fleet fleet, Map<String, String> properties, List<String> jvmOptions,
                 boolean largestFirst, boolean unlimited) {
            this(id, label, fleet, properties, jvmOptions, largestFirst, unlimited, 0);
        }

        /** bison.instance.&lt;id&gt;.max-parallel of the scenario, else the application's default (4). */
        int readers(String instance) {
            return Integer.parseInt(properties.getOrDefault("bison.instance." + instance + ".max-parallel", "4"));
        }
    }

    /** What one sync run did, from the application's exit code and log, the simulator's log and the run log table. */
    record Result(Scenario scenario, int exitCode, String runStatus, double wallSeconds, double processSeconds,
                  Map<String, Integer> requestsByInstance, int http429, int maxPerMinute, int accounts,
                  Long peakHeapMb, Long maxHeapMb, double boundSeconds, Phases phases, double appCpuSeconds, CpuSampler.Use cpuDuringRun, Long maxAfterGcMb, int gcPauses,
                  Path log, long peakRssMb, Long maxAfterFullGcMb, int lookups, List<BenchDatabase.StatementUse> statements,
                  double loadBefore) {

        /** The embedded PostgreSQL's CPU during the run per account, in microseconds. */
        double dbMicrosPerAccount() {
            return cpuDuringRun == null || accounts == 0 ? Double.NaN : cpuDuringRun.postgres() * 1e6 / accounts;
        }

        /** Sync JVM CPU during the run per account, in microseconds. */
        double cpuMicrosPerAccount() {
            return cpuDuringRun == null || accounts == 0 ? Double.NaN : cpuDuringRun.app() * 1e6 / accounts;
        }

        /** Accounts per second of the run's wall time, and per CPU second of the sync JVM. */
        double accountsPerSecond() {
            return accounts / wallSeconds;
        }

        double accountsPerCpuSecond() {
            return cpuDuringRun == null ? Double.NaN : accounts / cpuDuringRun.app();
        }

        int requests() {
            return requestsByInstance.values().stream().mapToInt(Integer::intValue).sum();
        }

        double ratio() {
            return wallSeconds / boundSeconds;
        }
    }

    /**
     * Where a run's wall time went: from the run's start (its email_sync_logs row) to the first request the simulator
     * received, from the first to the last request, and from the last request to the run's end; {@code closing} is
     * the part of the last from the last workspace's progress line to the run's report line (live view refresh and
     * run log), from the application's log.
     */
    record Phases(double beforeFirstRequest, double requests, double afterLastRequest, double closing) {
    }

    private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) .*");
    private static final Pattern GC_PAUSE = Pattern.compile("Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern PEAK_HEAP = Pattern.compile("Peak heap used: (\\d+) MB of (\\d+) MB");
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final Path project;
    private final Path work;
    private final BenchDatabase database;
    private final Duration latency;
    private final int rateLimitPerMinute;

    SyncProcess(Path project, Path work, BenchDatabase database, Duration latency, int rateLimitPerMinute) {
        this.project = project;
        this.work = work;
        this.database = database;
        this.latency = latency;
        this.rateLimitPerMinute = rateLimitPerMinute;
    }

    Result run(Scenario scenario, String dbUrl) throws IOException, InterruptedException, SQLException {
        Path keyDir = work.resolve("keys-" + scenario.fleet().option().replace(':', '-'));
        deleteTree(keyDir);
        // a fresh simulator per run: an empty request log and rate window; same seed, so the same data and keys
        Duration simLatency = scenario.unlimited() ? Duration.ZERO : latency;
        int simLimit = scenario.unlimited() ? 0 : rateLimitPerMinute;
        try (BisonSimulator simulator = BisonSimulator.start(new SimulatorSettings(0, 42L, scenario.fleet().spec(), keyDir,
                simLatency, simLimit))) {
            // (g): accounts removed from every workspace since the last run, which a complete read must prove gone
            for (SimInstance instance : simulator.instances()) {
                for (SimWorkspace workspace : instance.workspaces()) {
                    workspace.removeFirst(Math.min(scenario.gonePerWorkspace(), workspace.size()));
                }
            }
            Path config = writeConfig(scenario, simulator, scenario.largestFirst() ? largestFirst(simulator, keyDir) : keyDir,
                    dbUrl);
            Path log = work.resolve(scenario.id() + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            // the documented start command: java @config/jvm.options -jar target/bison-sync.jar ...
            command.add("@" + project.resolve("config/jvm.options"));
            command.addAll(scenario.jvmOptions());
            // the GC log gives the heap that stays live after collections, which "Peak heap used" (pool peaks) does not
            Path gcLog = work.resolve(scenario.id() + "-gc.log");
            command.add("-Xlog:gc:file=" + gcLog);
            // diagnostics only, e.g. BENCH_JVM_OPTIONS='-XX:StartFlightRecording=filename=target/bench/{scenario}.jfr'
            String extra = System.getenv().getOrDefault("BENCH_JVM_OPTIONS", "").replace("{scenario}", scenario.id());
            command.addAll(Arrays.stream(extra.split("\\s+")).filter(o -> !o.isBlank()).toList());
            command.addAll(List.of("-jar", project.resolve("target/bison-sync.jar").toString(), "--once", "--config",
                    config.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("BISON_DB_PASSWORD", database.password());
            database.resetStatements();
            double loadBefore = loadAverage();
            long started = System.nanoTime();
            CpuSampler cpu = new CpuSampler();
            Process process = builder.start();
            long deadline = started + TIMEOUT.toNanos();
            do {
                cpu.sample(process.toHandle(), database.postmasterPid());
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(scenario.label() + " did not finish within " + TIMEOUT + "; see " + log);
                }
            } while (!process.waitFor(200, TimeUnit.MILLISECONDS));
            cpu.sample(process.toHandle(), database.postmasterPid());
            double processSeconds = (System.nanoTime() - started) / 1e9;

            RequestLog requests = simulator.requests();
            Map<String, Integer> byInstance = new LinkedHashMap<>();
            int http429 = 0;
            int maxPerMinute = 0;
            for (SimInstance instance : simulator.instances()) {
                String slug = instance.slug();
                byInstance.put(slug, (int) requests.events().stream().filter(e -> e.slug().equals(slug)).count());
                http429 += requests.count429(slug);
                maxPerMinute = Math.max(maxPerMinute, requests.maxRequestsInAnyMinute(slug));
            }
            writeRequestLog(requests, work.resolve(scenario.id() + "-requests.csv"));
            Map<String, Object> run = lastRun(dbUrl);
            Matcher heap = PEAK_HEAP.matcher(Files.readString(log));
            boolean heapFound = heap.find();
            Map<String, Integer> readers = new LinkedHashMap<>();
            for (SimInstance instance : simulator.instances()) {
                readers.put(instance.slug(), instance.keyMode() == KeyMode.SUPER_ADMIN ? 1 : scenario.readers(instance.slug()));
            }
            double bound = LowerBound.seconds(byInstance, scenario.unlimited() ? Integer.MAX_VALUE : rateLimitPerMinute, simLatency,
                    readers::get);
            Phases phases = null;
            CpuSampler.Use cpuUse = null;
            if (run.get("startedMs") != null && run.get("completedMs") != null && !requests.events().isEmpty()) {
                long first = requests.events().stream().mapToLong(e -> e.at().toEpochMilli()).min().getAsLong();
                long last = requests.events().stream().mapToLong(e -> e.at().toEpochMilli()).max().getAsLong();
                phases = new Phases((first - (long) run.get("startedMs")) / 1e3, (last - first) / 1e3,
                        ((long) run.get("completedMs") - last) / 1e3, closingSeconds(log));
                cpuUse = cpu.between((long) run.get("startedMs"), (long) run.get("completedMs"));
            }
            return new Result(scenario, process.exitValue(), (String) run.get("status"),
                    run.get("duration") == null ? Double.NaN : ((Number) run.get("duration")).doubleValue(), processSeconds,
                    byInstance, http429, maxPerMinute,
                    run.get("accounts") == null ? 0 : ((Number) run.get("accounts")).intValue(),
                    heapFound ? Long.valueOf(heap.group(1)) : null, heapFound ? Long.valueOf(heap.group(2)) : null, bound, phases, cpu.appTotal(), cpuUse, maxAfterGc(gcLog), gcPauses(gcLog), log,
                    cpu.peakRssMb(), maxAfterFullGc(gcLog),
                    (int) requests.events().stream().filter(e -> e.path().matches(".*/api/sender-emails/\\d+")).count(),
                    database.statements(dbUrl, 8), loadBefore);
        }
    }

    /**
     * An experiment, not a setting: the application reads an instance's api-user keys in the order of their file
     * names, so copies named by rank of workspace size make it read the largest workspaces first.
     */
    private static Path largestFirst(BisonSimulator simulator, Path keyDir) throws IOException {
        Path ranked = keyDir.resolveSibling(keyDir.getFileName() + "-largest-first");
        deleteTree(ranked);
        Files.createDirectories(ranked);
        for (SimInstance instance : simulator.instances()) {
            if (instance.keyMode().superAdminKey()) {
                Files.copy(keyDir.resolve(instance.slug() + ".key"), ranked.resolve(instance.slug() + ".key"));
            }
            if (instance.keyMode() == KeyMode.SUPER_ADMIN) {
                continue; // the application orders a super-admin key's workspaces itself
            }
            List<SimWorkspace> bySize = new ArrayList<>(instance.workspaces());
            bySize.removeIf(w -> !Files.exists(keyDir.resolve(instance.slug() + "-" + w.id() + ".key"))); // mixed: the super-admin key's
            bySize.sort(Comparator.comparingInt(SimWorkspace::size).reversed());
            for (int rank = 0; rank < bySize.size(); rank++) {
                String name = instance.slug() + "-" + bySize.get(rank).id() + ".key";
                Files.copy(keyDir.resolve(name), ranked.resolve(String.format("%s-%04d-%s", instance.slug(), rank, name)));
            }
        }
        return ranked;
    }

    /** The most heap in use right after a GC pause, in MB, or null without a pause. */
    private static Long maxAfterGc(Path gcLog) throws IOException {
        Long max = null;
        for (String line : Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.<String>of()) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                max = Math.max(max == null ? 0 : max, Long.parseLong(m.group(2)));
            }
        }
        return max;
    }

    /** The most heap in use right after a full GC (the live set, with Serial GC), in MB, or null without one. */
    private static Long maxAfterFullGc(Path gcLog) throws IOException {
        Long max = null;
        for (String line : Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.<String>of()) {
            Matcher m = GC_PAUSE.matcher(line);
            if (line.contains("Pause Full") && m.find()) {
                max = Math.max(max == null ? 0 : max, Long.parseLong(m.group(2)));
            }
        }
        return max;
    }

    private static int gcPauses(Path gcLog) throws IOException {
        return Files.exists(gcLog) ? (int) Files.readAllLines(gcLog).stream().filter(l -> GC_PAUSE.matcher(l).find()).count() : 0;
    }

    /** Seconds from the last workspace's progress line (route record-workspace) to the run's report (close-run). */
    private static double closingSeconds(Path log) throws IOException {
        long lastWorkspace = -1;
        long closed = -1;
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOG_TIME.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long ms = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000
                    + Long.parseLong(m.group(4));
            if (line.contains(" record-workspace - ")) {
                lastWorkspace = ms;
            } else if (line.contains(" close-run - Sync run ")) {
                closed = ms;
            }
        }
        return lastWorkspace < 0 || closed < 0 ? Double.NaN : (closed - lastWorkspace + 86_400_000) % 86_400_000 / 1e3;
    }

    private Path writeConfig(Scenario scenario, BisonSimulator simulator, Path keyDir, String dbUrl) throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        StringBuilder ids = new StringBuilder();
        for (SimInstance instance : simulator.instances()) {
            String prefix = "bison.instance." + instance.slug() + ".";
            ids.append(ids.length() == 0 ? "" : ",").append(instance.slug());
            overrides.put(prefix + "name", instance.name());
            overrides.put(prefix + "base-url", simulator.baseUrl(instance.slug()));
            KeyMode mode = instance.keyMode();
            overrides.put(prefix + "super-admin-key-file", mode.superAdminKey() ? keyDir.toAbsolutePath().resolve(instance.slug() + ".key").toString() : "");
            overrides.put(prefix + "api-user-key-files", mode == KeyMode.SUPER_ADMIN ? "" : keyDir.toAbsolutePath().resolve(instance.slug() + "-*.key").toString());
        }
        overrides.put("bison.instances", ids.toString());
        overrides.put("bison.simulator.enabled", "false");
        overrides.put("bison.db.url", dbUrl);
        overrides.put("bison.db.user", database.user());
        // other copies of the application may be running on this machine: no fixed ports
        overrides.put("camel.management.port", Integer.toString(freePort()));
        overrides.put("bison.ops.port", Integer.toString(freePort()));
        overrides.putAll(scenario.properties());

        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(project.resolve("config/application.properties"))) {
            String key = keyOf(line);
            boolean replaced = key != null && (key.startsWith("bison.instance.") || overrides.containsKey(key));
            out.append(replaced ? "# replaced by the benchmark: " + line : line).append('\n');
        }
        out.append("\n# ---------------------------------------------------------------------------------------------------------\n")
                .append("# Benchmark scenario: ").append(scenario.label()).append('\n');
        overrides.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        Path file = work.resolve(scenario.id() + ".properties");
        Files.writeString(file, out);
        return file;
    }

    /** One line per request (arrival time, instance, key index, path, page, status), keys masked, for timelines. */
    private static void writeRequestLog(RequestLog requests, Path file) throws IOException {
        Map<String, Integer> keys = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("epoch_ms,instance,key,path,page,status\n");
        for (RequestLog.Event e : requests.events()) {
            int key = keys.computeIfAbsent(String.valueOf(e.key()), k -> keys.size() + 1);
            csv.append(e.at().toEpochMilli()).append(',').append(e.slug()).append(',').append(key).append(',')
                    .append(e.path()).append(',').append(e.page() == null ? "" : e.page()).append(',').append(e.status()).append('\n');
        }
        Files.writeString(file, csv);
    }

    private static String keyOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
            return null;
        }
        int eq = t.indexOf('=');
        return eq < 0 ? null : t.substring(0, eq).strip();
    }

    private Map<String, Object> lastRun(String dbUrl) throws SQLException {
        Map<String, Object> run = new LinkedHashMap<>();
        try (Connection c = database.connect(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, duration_seconds, total_accounts_fetched,"
                     + " (extract(epoch FROM started_at) * 1000)::bigint, (extract(epoch FROM completed_at) * 1000)::bigint"
                     + " FROM email_sync_logs ORDER BY id DESC LIMIT 1")) {
            if (rs.next()) {
                run.put("status", rs.getString(1));
                run.put("duration", rs.getBigDecimal(2));
                run.put("accounts", rs.getInt(3));
                run.put("startedMs", rs.getLong(4));
                run.put("completedMs", rs.getObject(5) == null ? null : rs.getLong(5));
            }
        } catch (SQLException e) {
            run.put("status", "no run log (" + e.getMessage() + ")");
        }
        return run;
    }

    /** The machine's 1-minute load average (NaN where /proc/loadavg is missing). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
