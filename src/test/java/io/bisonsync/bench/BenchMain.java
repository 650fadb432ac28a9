package io.bisonsync.bench;

import io.bisonsync.bench.SyncProcess.Result;
import io.bisonsync.bench.SyncProcess.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark behind {@code bench/run}: syncs a simulated fleet with the seed's configuration (a) and with
 * bison-sync's defaults (b), re-syncs without changes (c), measures the write path alone (d) and syncs 100,000
 * accounts in a 256 MB heap (e), measures the pipeline's own throughput with the simulator's limit lifted at 100,000
 * and 1,000,000 accounts (f), then prints one table and whether each target of issue 14 was met. Run from the project
 * folder after {@code mvn -o -q -DskipTests package}. Options:
 * <pre>
 *   --quick            scaled-down fleets: a fast check, not the reference numbers
 *   --only a,b,c,d,e,f,g run only these scenarios (c and g need b and run it too)
 *   --set key=value    a configuration key for (b), (c) and (e), to measure a change against the defaults (repeatable)
 *   --largest-first    an experiment for (b), (c) and (e): key files renamed so each instance's largest workspaces are
 *                      read first (the application reads api-user keys in file name order)
 * </pre>
 */
public final class BenchMain {

    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final int BUDGET_PER_MINUTE = 3_000;
    private static final String SYNCED_TABLE = "email_accounts_cache";
    private static final String LIVE_VIEW = "email_accounts_live";
    private static final String USAGE = "usage: bench/run [--quick] [--rounds N] [--only a,b,c,d,e,f,g] [--set key=value ...] [--largest-first]";
    /** (f): the application's budget when the simulator has no limit: far above what the pipeline can use. */
    private static final String UNLIMITED_BUDGET = "6000000";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(List.of("a", "b", "c", "g", "d", "e", "f"));
        Map<String, String> changes = new LinkedHashMap<>();
        boolean largestFirst = false;
        Integer roundsOption = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> roundsOption = Integer.parseInt(value(args, ++i));
                case "--largest-first" -> largestFirst = true;
                case "--only" -> {
                    only = new LinkedHashSet<>(List.of(value(args, ++i).split(",")));
                    if (!Set.of("a", "b", "c", "d", "e", "f", "g").containsAll(only)) {
                        fail("--only takes scenario letters a,b,c,d,e,f,g");
                    }
                }
                case "--set" -> {
                    String[] kv = value(args, ++i).split("=", 2);
                    if (kv.length != 2) {
                        fail("--set takes key=value");
                    }
                    changes.put(kv[0].strip(), kv[1].strip());
                }
                default -> fail("unknown option " + args[i]);
            }
        }
        // (b), (c), (d) and (f) run this many rounds (the table shows each, then medians and spreads); (a), (e), (g) once
        int rounds = roundsOption != null ? Math.max(1, roundsOption) : quick ? 1 : 3;
        // (a) to (d): two api-user instances and a super-admin instance read alongside (issue 9)
        Fleet fleet = quick ? new Fleet(2, 5, 1_500, 5, 300) : new Fleet(2, 20, 17_000, 20, 2_000);
        Fleet big = quick ? new Fleet(2, 20, 10_000) : new Fleet(2, 150, 100_000);
        Fleet scaleSmall = quick ? new Fleet(2, 20, 10_000) : new Fleet(2, 150, 100_000);
        Fleet scaleLarge = quick ? new Fleet(2, 150, 100_000) : new Fleet(2, 700, 1_000_000);

        Path project = Path.of("").toAbsolutePath();
        if (!Files.exists(project.resolve("target/bison-sync.jar"))) {
            throw new IllegalStateException("target/bison-sync.jar is missing: run mvn -o -q -DskipTests package first");
        }
        Path work = project.resolve("target/bench");
        SyncProcess.deleteTree(work);
        Files.createDirectories(work);

        Report report = new Report(fleet, big, quick, changes, largestFirst);
        report.rounds = rounds;
        report.scaleSmallFleet = scaleSmall;
        report.scaleLargeFleet = scaleLarge;
        report.loadBefore = loadAverage();
        try (BenchDatabase database = BenchDatabase.start()) {
            report.database = database.describe();
            SyncProcess sync = new SyncProcess(project, work, database, LATENCY, BUDGET_PER_MINUTE);
            long benchStarted = System.nanoTime();

            if (only.contains("a")) {
                // one round: the seed's sequential reads take minutes and only set the (a)/(b) ratio
                Scenario seed = new Scenario("a-seed", "(a) seed configuration", fleet, seedProperties(fleet), List.of(),
                        false);
                report.add("a", progress(sync.run(seed, database.create("seed"))));
            }
            for (int round = 1; round <= rounds; round++) {
                String r = rounds > 1 ? "-r" + round : "";
                String tag = rounds > 1 ? " #" + round : "";
                if (only.contains("b") || only.contains("c") || only.contains("g")) {
                    String db = database.create("defaults" + r.replace('-', '_'));
                    boolean changed = !changes.isEmpty() || largestFirst;
                    Scenario defaults = new Scenario("b-defaults" + r, (changed ? "(b) defaults, changed" : "(b) bison-sync defaults")
                            + tag, fleet, changes, List.of(), largestFirst);
                    report.add("b", progress(sync.run(defaults, db)));
                    // the database was created empty; the live view is refreshed from the cache at the end of each run
                    long afterFirst = database.rowsWritten(db, SYNCED_TABLE);
                    long viewAfterFirst = database.rowsWritten(db, LIVE_VIEW);
                    report.defaultsRowsWritten = afterFirst;
                    if (only.contains("c")) {
                        Scenario resync = new Scenario("c-resync" + r, "(c) re-sync, no changes" + tag, fleet, changes, List.of(),
                                largestFirst);
                        report.add("c", progress(sync.run(resync, db)));
                        report.resyncRowsWritten = Math.max(report.resyncRowsWritten, database.rowsWritten(db, SYNCED_TABLE) - afterFirst);
                        report.resyncViewRowsWritten = Math.max(report.resyncViewRowsWritten,
                                database.rowsWritten(db, LIVE_VIEW) - viewAfterFirst);
                        if (round == rounds) {
                            // what the end of every run costs, alone, and what a plain (locking) refresh would cost
                            report.refreshConcurrently = database.time(db, "SELECT refresh_email_accounts_live()");
                            report.refreshForced = database.time(db, "REFRESH MATERIALIZED VIEW CONCURRENTLY " + LIVE_VIEW);
                            report.refreshPlain = database.time(db, "REFRESH MATERIALIZED VIEW " + LIVE_VIEW);
                        }
                    }
                    if (only.contains("g") && round == rounds) {
                        // one round: the cost of proving deletions, 2 accounts gone from every workspace since the last run
                        long cachedBefore = database.count(db, "SELECT count(*) FROM email_accounts_cache");
                        Scenario gone = new Scenario("g-deletions", "(g) re-sync, 2 gone per workspace", fleet, changes, List.of(),
                                largestFirst, false, 2);
                        report.add("g", progress(sync.run(gone, db)));
                        report.deletionsDeleted = cachedBefore - database.count(db, "SELECT count(*) FROM email_accounts_cache");
                        report.deletionsHeld = database.count(db,
                                "SELECT count(*) FROM email_accounts_cache WHERE sync_status = 'pending_deletion'");
                    }
                }
                if (only.contains("d")) {
                    System.out.printf(Locale.ROOT, "bench: (d) write path, %,d rows per round%s ...%n", fleet.total(), tag);
                    report.writePaths.add(WritePathBench.run(database, fleet, "write_path" + r.replace('-', '_')));
                }
                if (only.contains("e") && round == rounds) {
                    // one round: 70 s paced by the request budget by design; (f) measures the same pipeline unpaced
                    Scenario large = new Scenario("e-large", String.format(Locale.ROOT, "(e) %,d accounts, -Xmx256m", big.total()),
                            big, changes, List.of("-Xmx256m"), largestFirst);
                    report.add("e", progress(sync.run(large, database.create("large"))));
                }
                if (only.contains("f")) {
                    Map<String, String> unlimited = new LinkedHashMap<>(changes);
                    unlimited.put("bison.http.requests-per-minute", UNLIMITED_BUDGET);
                    report.add("f1", progress(sync.run(new Scenario("f-scale-small" + r, String.format(Locale.ROOT,
                            "(f) %,d, no limit, -Xmx256m", scaleSmall.total()) + tag, scaleSmall, unlimited, List.of("-Xmx256m"),
                            false, true), database.create("scale_small" + r.replace('-', '_')))));
                    report.add("f2", progress(sync.run(new Scenario("f-scale-large" + r, String.format(Locale.ROOT,
                            "(f) %,d, no limit, -Xmx256m", scaleLarge.total()) + tag, scaleLarge, unlimited, List.of("-Xmx256m"),
                            false, true), database.create("scale_large" + r.replace('-', '_')))));
                }
            }
            report.benchSeconds = (System.nanoTime() - benchStarted) / 1e9;
        }
        report.loadAfter = loadAverage();
        String table = report.render();
        System.out.println();
        System.out.println(table);
        Files.writeString(work.resolve("results.txt"), table, StandardCharsets.UTF_8);
        System.out.println("(also in target/bench/results.txt; each run's configuration, log and request log are in target/bench/)");
    }

    /** The seed's behaviour: one reader at a time over everything, a fixed 100 ms between requests, no budget. */
    private static Map<String, String> seedProperties(Fleet fleet) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bison.http.requests-per-minute", "0");
        p.put("bison.sync.page-delay", "100ms");
        p.put("bison.sync.max-parallel-lanes", "1");
        for (int i = 1; i <= fleet.instances(); i++) {
            p.put("bison.instance.bench-" + i + ".max-parallel", "1");
        }
        return p;
    }

    private static Result progress(Result r) {
        System.out.printf(Locale.ROOT, "bench: %s: exit %d, run %s, %.1f s, %d requests, %d accounts%n", r.scenario().label(),
                r.exitCode(), r.runStatus(), r.wallSeconds(), r.requests(), r.accounts());
        return r;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("bench: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }

    /** The 1-minute load average: other work on the machine makes the numbers worse, so the table shows it. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /** The printed table and the targets. */
    private static final class Report {

        private final Fleet fleet;
        private final Fleet big;
        private final boolean quick;
        private final Map<String, String> changes;
        private final boolean largestFirst;
        private String database;
        private String loadBefore;
        private String loadAfter;
        private Result seed;
        private Result defaults;
        private Result resync;
        private Result deletions;
        private long deletionsDeleted;
        private long deletionsHeld;
        private Result large;
        private long defaultsRowsWritten;
        private long resyncRowsWritten;
        private long resyncViewRowsWritten;
        private double refreshConcurrently;
        private double refreshPlain;
        private double refreshForced;
        private WritePathBench.Result writePath;
        private final List<WritePathBench.Result> writePaths = new java.util.ArrayList<>();
        private final Map<String, List<Result>> byScenario = new LinkedHashMap<>();
        private int rounds;
        private double benchSeconds;
        private Fleet scaleSmallFleet;
        private Fleet scaleLargeFleet;
        private Result scaleSmall;
        private Result scaleLarge;

        Report(Fleet fleet, Fleet big, boolean quick, Map<String, String> changes, boolean largestFirst) {
            this.fleet = fleet;
            this.big = big;
            this.quick = quick;
            this.changes = changes;
            this.largestFirst = largestFirst;
        }

        /** One round's result; the scenario's field holds the round with the median wall time. */
        void add(String key, Result r) {
            List<Result> all = byScenario.computeIfAbsent(key, k -> new java.util.ArrayList<>());
            all.add(r);
            List<Result> sorted = new java.util.ArrayList<>(all);
            sorted.sort(java.util.Comparator.comparingDouble(Result::wallSeconds));
            Result median = sorted.get((sorted.size() - 1) / 2);
            switch (key) {
                case "a" -> seed = median;
                case "b" -> defaults = median;
                case "c" -> resync = median;
                case "g" -> deletions = median;
                case "e" -> large = median;
                case "f1" -> scaleSmall = median;
                case "f2" -> scaleLarge = median;
                default -> throw new IllegalArgumentException(key);
            }
        }

        /** The median of one figure over a scenario's rounds (NaN without rounds). */
        double median(String key, java.util.function.ToDoubleFunction<Result> figure) {
            double[] v = values(key, figure);
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        private double[] values(String key, java.util.function.ToDoubleFunction<Result> figure) {
            return byScenario.getOrDefault(key, List.of()).stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).sorted()
                    .toArray();
        }

        /** "median (min-max)" of one figure, or the value alone after one round. */
        String spread(String key, java.util.function.ToDoubleFunction<Result> figure, String format) {
            double[] v = values(key, figure);
            if (v.length == 0) {
                return "?";
            }
            String median = String.format(Locale.ROOT, format, median(key, figure));
            return v.length == 1 ? median : median + " (" + String.format(Locale.ROOT, format, v[0]) + "-"
                    + String.format(Locale.ROOT, format, v[v.length - 1]) + ")";
        }

        private static double cpu(Result r) {
            return r.cpuDuringRun() == null ? Double.NaN : r.cpuDuringRun().app();
        }

        private static double others(Result r) {
            return r.cpuDuringRun() == null ? Double.NaN : r.cpuDuringRun().others();
        }

        private static double postgres(Result r) {
            return r.cpuDuringRun() == null ? Double.NaN : r.cpuDuringRun().postgres();
        }

        /** Medians and spreads of every figure, as a Markdown table for the README's Performance section. */
        private void medians(PrintStream out) {
            out.printf(Locale.ROOT, "medians over the rounds, (min-max) when more than one; Markdown, ready to paste (%d rounds of"
                    + " (b), (c), (d), (f); (a), (e), (g) once; the whole bench took %.0f min):%n", rounds, benchSeconds / 60);
            out.println();
            out.println("| scenario | rounds | wall s | wall/bound | sync CPU s in run | process CPU s (start-up incl.) | peak RSS MB"
                    + " | heap after GC MB | accounts/s | DB CPU us/acct | others' CPU s | load before |");
            out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            Map<String, String> names = new LinkedHashMap<>();
            names.put("a", "(a) seed configuration");
            names.put("b", "(b) defaults");
            names.put("c", "(c) re-sync, no changes");
            names.put("g", "(g) re-sync, 2 gone per workspace");
            names.put("e", "(e) " + String.format(Locale.ROOT, "%,d", big.total()) + " accounts, -Xmx256m");
            names.put("f1", "(f) " + String.format(Locale.ROOT, "%,d", scaleSmallFleet.total()) + ", no limit");
            names.put("f2", "(f) " + String.format(Locale.ROOT, "%,d", scaleLargeFleet.total()) + ", no limit");
            for (Map.Entry<String, String> e : names.entrySet()) {
                String k = e.getKey();
                if (!byScenario.containsKey(k)) {
                    continue;
                }
                boolean unpaced = k.startsWith("f");
                out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", e.getValue(),
                        byScenario.get(k).size(), spread(k, Result::wallSeconds, "%.1f"),
                        unpaced ? "-" : spread(k, Result::ratio, "%.2f"), spread(k, Report::cpu, "%.1f"),
                        spread(k, Result::appCpuSeconds, "%.1f"), spread(k, r -> r.peakRssMb(), "%.0f"),
                        spread(k, r -> r.maxAfterGcMb() == null ? Double.NaN : r.maxAfterGcMb(), "%.0f"),
                        spread(k, Result::accountsPerSecond, "%,.0f"), spread(k, Result::dbMicrosPerAccount, "%.0f"),
                        spread(k, Report::others, "%.1f"), spread(k, Result::loadBefore, "%.1f"));
            }
            if (!writePaths.isEmpty()) {
                double[] ratios = writePaths.stream().mapToDouble(WritePathBench.Result::ratio).sorted().toArray();
                double[] sink = writePaths.stream().mapToDouble(WritePathBench.Result::upsertRowsPerSecond).sorted().toArray();
                double[] copy = writePaths.stream().mapToDouble(WritePathBench.Result::copyRowsPerSecond).sorted().toArray();
                out.println();
                out.printf(Locale.ROOT, "| (d) write path, %,d rows | rounds | batch sink rows/s | COPY rows/s | sink / COPY |%n",
                        writePaths.get(0).rows());
                out.println("| --- | --- | --- | --- | --- |");
                out.printf(Locale.ROOT, "| median (min-max) | %d | %s | %s | %s |%n", writePaths.size(), range(sink, "%,.0f"),
                        range(copy, "%,.0f"), range(Arrays.stream(ratios).map(x -> 100 * x).toArray(), "%.0f%%"));
            }
            out.println();
        }

        private static String range(double[] sorted, String format) {
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            String m = String.format(Locale.ROOT, format, median);
            return sorted.length == 1 ? m : m + " (" + String.format(Locale.ROOT, format, sorted[0]) + "-"
                    + String.format(Locale.ROOT, format, sorted[sorted.length - 1]) + ")";
        }

        String render() {
            if (!writePaths.isEmpty()) {
                List<WritePathBench.Result> sorted = new java.util.ArrayList<>(writePaths);
                sorted.sort(java.util.Comparator.comparingDouble(WritePathBench.Result::ratio));
                writePath = sorted.get((sorted.size() - 1) / 2);
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "bison-sync benchmark, %s%s%n",
                    LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
                    quick ? " (--quick: scaled-down fleets, not the reference numbers)" : "");
            out.printf(Locale.ROOT, "fleet: %s; simulator latency %d ms per request, rate limit %,d requests/min per instance%n",
                    fleet.describe(), LATENCY.toMillis(), BUDGET_PER_MINUTE);
            out.printf(Locale.ROOT, "database: %s; %d CPUs, Java %s; load average %s before, %s after%n", database,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore, loadAfter);
            if (!changes.isEmpty()) {
                out.println("NOT the defaults: (b), (c) and (e) ran with " + changes);
            }
            if (largestFirst) {
                out.println("NOT the defaults: (b), (c) and (e) read each instance's largest workspaces first (--largest-first)");
            }
            out.println();
            String header = String.format(Locale.ROOT, "%-32s %4s %8s %9s %8s %5s %7s %8s %8s %10s %16s %9s %7s %7s %9s", "scenario",
                    "exit", "wall s", "process s", "requests", "429s", "max/min", "accounts", "bound s", "wall/bound", "peak heap",
                    "after GC", "CPU s", "us/acct", "peak RSS");
            out.println(header);
            out.println("-".repeat(header.length()));
            for (Result r : results()) {
                if (r != null) {
                    out.printf(Locale.ROOT, "%-32s %4d %8.1f %9.1f %8d %5d %7d %8d %8.1f %10.2f %16s %9s %7.1f %7.0f %6d MB%n",
                            r.scenario().label(), r.exitCode(), r.wallSeconds(), r.processSeconds(), r.requests(), r.http429(),
                            r.maxPerMinute(), r.accounts(), r.boundSeconds(), r.ratio(),
                            r.peakHeapMb() == null ? "?" : r.peakHeapMb() + " of " + r.maxHeapMb() + " MB",
                            r.maxAfterGcMb() == null ? "no GC" : r.maxAfterGcMb() + " MB",
                            r.cpuDuringRun() == null ? Double.NaN : r.cpuDuringRun().app(), r.cpuMicrosPerAccount(), r.peakRssMb());
                }
            }
            out.println("CPU s = the sync JVM's CPU seconds during the run (its start to its close); us/acct = that per account;");
            out.println("        peak RSS = the sync JVM's VmHWM. Every sync JVM runs the documented start command,");
            out.println("        java @config/jvm.options -jar target/bison-sync.jar --once (with -Xmx256m after it in (e) and (f)).");
            for (Result r : new Result[] {scaleSmall, scaleLarge}) {
                if (r != null) {
                    out.printf(Locale.ROOT, "  %s: %,.0f accounts/s, %,.0f accounts per CPU second of the sync JVM; heap after a full GC"
                                    + " at most %s MB (%d GC pauses)%n", r.scenario().label(), r.accountsPerSecond(), r.accountsPerCpuSecond(),
                            r.maxAfterFullGcMb() == null ? "? (no full GC)" : r.maxAfterFullGcMb(), r.gcPauses());
                }
            }
            if (resync != null) {
                out.printf(Locale.ROOT, "account rows written (pg_stat_user_tables n_tup_ins + n_tup_upd + n_tup_del of %s):"
                        + " (b) %,d, (c) %,d%n", SYNCED_TABLE, defaultsRowsWritten, resyncRowsWritten);
                out.printf(Locale.ROOT, "  (c) also rewrote %,d rows of the materialized view %s (REFRESH ... CONCURRENTLY)%n",
                        resyncViewRowsWritten, LIVE_VIEW);
                out.printf(Locale.ROOT, "  refreshing %s alone afterwards: %.2f s as each run does (refresh_email_accounts_live(),"
                        + " skipped when nothing changed), %.2f s forced CONCURRENTLY, %.2f s plain%n",
                        LIVE_VIEW, refreshConcurrently, refreshForced, refreshPlain);
            }
            if (writePath != null) {
                out.println();
                out.printf(Locale.ROOT, "(d) write path, %,d rows into an empty table each time (median of 3 rounds):%n", writePath.rows());
                out.printf(Locale.ROOT, "  batch sink (StagingCopy per 500 rows + apply-workspace.sql per workspace): %,8.0f rows/s%n",
                        writePath.upsertRowsPerSecond());
                out.printf(Locale.ROOT, "  COPY into a table LIKE email_accounts_cache INCLUDING ALL:            %,8.0f rows/s%n",
                        writePath.copyRowsPerSecond());
                out.printf(Locale.ROOT, "  batch sink / COPY: %.0f%%; batch sink over the same rows again (unchanged): %,.0f rows/s%n",
                        100 * writePath.ratio(), writePath.unchangedRowsPerSecond());
            }
            out.println();
            out.println("wall = the run's duration in email_sync_logs; process = JVM start to exit (start-up, migrations, shutdown).");
            out.println("max/min = the most requests one instance received within any 60 s (the simulator's count; budget 3,000).");
            out.println("peak heap = the application's \"Peak heap used\" line (sum of the heap pools' peaks: the GC lets the young");
            out.println("        generation fill whatever -Xmx allows); after GC = the most heap still in use right after a GC pause");
            out.println("        (start-up included), from -Xlog:gc: what the process really keeps.");
            out.println("bound = max over instances of max(requests / (budget / 60 s), requests x latency / readers), readers =");
            out.println("        bison.instance.<id>.max-parallel (1 in (a), default 4); every request counts, workspace lists too.");
            if (large != null) {
                out.printf(Locale.ROOT, "(e) fleet: %s; same simulator latency and rate limit, default request budget%n",
                        big.describe());
            }
            if (scaleSmall != null || scaleLarge != null) {
                out.printf(Locale.ROOT, "(f) fleets: %s and %s; simulator without latency or rate limit, application budget %s"
                        + " requests/min per instance (not the bound)%n", scaleSmallFleet.describe(), scaleLargeFleet.describe(),
                        UNLIMITED_BUDGET);
            }
            out.println("where the wall time went: run start -> first request | first -> last request | last request -> run end");
            out.println("(of which: last workspace done -> run closed, i.e. refreshing email_accounts_live and closing the run log);");
            out.println("CPU seconds used during the run by the sync JVM, the simulator (harness JVM), the embedded PostgreSQL and");
            out.println("everything else on the machine, and how busy its CPUs were:");
            for (Result r : results()) {
                if (r != null && r.phases() != null) {
                    CpuSampler.Use use = r.cpuDuringRun();
                    out.printf(Locale.ROOT, "  %-32s %4.1f s | %5.1f s | %4.1f s (%3.1f s)   CPU s: sync %5.1f (JIT %4.1f, GC %4.1f),"
                                    + " simulator %4.1f, postgres %4.1f, others %4.1f; busy %3.0f%%%n", r.scenario().label(),
                            r.phases().beforeFirstRequest(), r.phases().requests(), r.phases().afterLastRequest(),
                            r.phases().closing(), use.app(), use.appJit(), use.appGc(), use.simulator(), use.postgres(), use.others(),
                            100 * use.machineBusy());
                }
            }
            out.println("database: the embedded PostgreSQL's CPU during the run per account, and its execution time by statement");
            out.println("(pg_stat_statements, track = all: a function's time includes its statements', listed below it):");
            for (Result r : results()) {
                if (r != null && r.cpuDuringRun() != null) {
                    out.printf(Locale.ROOT, "  %-32s postgres %5.1f CPU s, %4.0f us per account%n", r.scenario().label(),
                            r.cpuDuringRun().postgres(), r.dbMicrosPerAccount());
                    for (BenchDatabase.StatementUse st : r.statements()) {
                        out.printf(Locale.ROOT, "      %6.2f s %4.0f%% %7d calls %9d rows  %s%n", st.seconds(), 100 * st.share(),
                                st.calls(), st.rows(), st.text());
                    }
                }
            }
            out.println();
            medians(out);
            out.println("targets (issues 14 and 22; medians where rounds repeat):");
            if (defaults != null) {
                target(out, defaults.ratio() <= 1.10, String.format(Locale.ROOT,
                        "(b) within 1.10x of the lower bound: %.2fx", defaults.ratio()));
            }
            if (seed != null && defaults != null) {
                double speedup = seed.wallSeconds() / defaults.wallSeconds();
                target(out, speedup >= 15, String.format(Locale.ROOT,
                        "(a)/(b) at least 15x: %.1fx", speedup));
            }
            if (defaults != null && defaults.cpuDuringRun() != null) {
                target(out, defaults.cpuDuringRun().app() <= 5, String.format(Locale.ROOT,
                        "sync JVM CPU during (b) at most 5 s: %.1f s (%.0f us per account)", defaults.cpuDuringRun().app(),
                        defaults.cpuMicrosPerAccount()));
            }
            if (large != null && large.cpuDuringRun() != null) {
                target(out, large.cpuDuringRun().app() <= 15, String.format(Locale.ROOT,
                        "sync JVM CPU during (e) at most 15 s: %.1f s (%.0f us per account)", large.cpuDuringRun().app(),
                        large.cpuMicrosPerAccount()));
            }
            if (writePath != null) {
                target(out, writePath.ratio() >= 0.80, String.format(Locale.ROOT,
                        "(d) batch sink at least 80%% of COPY: %.0f%%", 100 * writePath.ratio()));
            }
            if (defaults != null) {
                target(out, defaults.peakRssMb() > 0 && defaults.peakRssMb() <= 200, String.format(Locale.ROOT,
                        "process peak RSS of (b) at most 200 MB with the documented start command: %d MB", defaults.peakRssMb()));
            }
            if (resync != null) {
                target(out, resyncRowsWritten == 0 && resyncViewRowsWritten == 0 && resync.exitCode() == 0, String.format(Locale.ROOT,
                        "(c) writes 0 account rows and 0 view rows: %,d and %,d", resyncRowsWritten, resyncViewRowsWritten));
            }
            if (deletions != null) {
                int requestsBefore = resync != null ? resync.requests() : defaults.requests();
                // small workspaces that lose 2 of fewer than 20 accounts are held by the mass-drop gate (run partial)
                target(out, deletions.lookups() == deletionsDeleted, String.format(Locale.ROOT,
                        "(g) deletions are proven: %,d accounts deleted after %,d lookups (one each), %,d held by the mass-drop"
                                + " gate (run %s), %,d requests vs %,d without deletions (+%.1f%%), %.1f s vs %.1f s",
                        deletionsDeleted, deletions.lookups(), deletionsHeld, deletions.runStatus(),
                        deletions.requests(), requestsBefore, 100.0 * (deletions.requests() - requestsBefore) / requestsBefore,
                        deletions.wallSeconds(), resync != null ? resync.wallSeconds() : defaults.wallSeconds()));
            }
            if (large != null) {
                target(out, large.exitCode() == 0 && large.accounts() == big.total(), String.format(Locale.ROOT,
                        "(e) %,d accounts under -Xmx256m: exit %d, %,d accounts, %.1f s, peak heap %s MB", big.total(),
                        large.exitCode(), large.accounts(), large.wallSeconds(), large.peakHeapMb()));
            }
            if (scaleSmall != null) {
                target(out, scaleSmall.accountsPerSecond() >= 10_000, String.format(Locale.ROOT,
                        "(f) at least 10,000 accounts/s end to end: %,.0f (%,d accounts)", scaleSmall.accountsPerSecond(),
                        scaleSmall.accounts()));
            }
            if (scaleLarge != null) {
                target(out, scaleLarge.accountsPerSecond() >= 10_000, String.format(Locale.ROOT,
                        "(f) at least 10,000 accounts/s end to end: %,.0f (%,d accounts)", scaleLarge.accountsPerSecond(),
                        scaleLarge.accounts()));
                target(out, scaleLarge.exitCode() == 0 && scaleLarge.accounts() == scaleLargeFleet.total(), String.format(Locale.ROOT,
                        "(f) %,d accounts under -Xmx256m: exit %d, %,d accounts", scaleLargeFleet.total(), scaleLarge.exitCode(),
                        scaleLarge.accounts()));
            }
            if (scaleSmall != null && scaleLarge != null) {
                double perAccountSmall = scaleSmall.wallSeconds() / scaleSmall.accounts();
                double perAccountLarge = scaleLarge.wallSeconds() / scaleLarge.accounts();
                double linear = perAccountLarge / perAccountSmall;
                target(out, linear >= 0.8 && linear <= 1.2, String.format(Locale.ROOT,
                        "(f) time linear in the fleet size (within 20%%): %.1f s for %,d, %.1f s for %,d, per account %.2fx",
                        scaleSmall.wallSeconds(), scaleSmall.accounts(), scaleLarge.wallSeconds(), scaleLarge.accounts(), linear));
                // the largest heap right after any GC pause: with Serial GC an upper bound of the live set (promoted
                // garbage stays until a full GC), so flat here means flat
                Long small = scaleSmall.maxAfterGcMb();
                Long largeAfterGc = scaleLarge.maxAfterGcMb();
                boolean fullBoth = false;
                target(out, small != null && largeAfterGc != null && largeAfterGc <= small * 1.25 + 16, String.format(Locale.ROOT,
                        "(f) heap after %s GC flat as the fleet grows 10x: %s MB at %,d, %s MB at %,d accounts",
                        fullBoth ? "a full" : "any", small, scaleSmall.accounts(), largeAfterGc, scaleLarge.accounts()));
            }
            if (byScenario.containsKey("b")) {
                double cpu = median("b", Result::appCpuSeconds);
                target(out, cpu < 8, String.format(Locale.ROOT, "(b) process CPU, start-up included, below 8 s (issue 22): %s s",
                        spread("b", Result::appCpuSeconds, "%.1f")));
                target(out, median("b", r -> r.peakRssMb()) <= 160, String.format(Locale.ROOT,
                        "(b) peak RSS at most 160 MB with the documented command (issue 22): %s MB", spread("b", r -> r.peakRssMb(), "%.0f")));
            }
            for (String k : new String[] {"f1", "f2"}) {
                if (byScenario.containsKey(k)) {
                    target(out, median(k, Result::dbMicrosPerAccount) <= 60, String.format(Locale.ROOT,
                            "(f) database CPU per account at most 60 us (issue 22): %s us at %,d accounts",
                            spread(k, Result::dbMicrosPerAccount, "%.0f"), byScenario.get(k).get(0).scenario().fleet().total()));
                }
            }
            for (Result r : results()) {
                if (r != null && (r.exitCode() != 0 || r.http429() > 0 || r.accounts() != r.scenario().fleet().total())) {
                    out.printf(Locale.ROOT, "note: %s: exit %d, run %s, %d answers 429, %d of %d accounts; see %s%n",
                            r.scenario().label(), r.exitCode(), r.runStatus(), r.http429(), r.accounts(),
                            r.scenario().fleet().total(), r.log());
                }
            }
            return text.toString(StandardCharsets.UTF_8);
        }

        /** Every round of every scenario, in the order they ran by scenario. */
        private Result[] results() {
            return byScenario.values().stream().flatMap(List::stream).toArray(Result[]::new);
        }

        private static void target(PrintStream out, boolean met, String what) {
            out.println("  [" + (met ? " met  " : "MISSED") + "] " + what);
        }
    }
}
