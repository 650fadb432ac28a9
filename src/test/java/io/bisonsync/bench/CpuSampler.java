package io.bisonsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who used the CPUs while a sync ran (Linux /proc; zeros elsewhere): samples, a few times a second, the CPU time of
 * the sync JVM, of this JVM (the simulator), of the embedded PostgreSQL's postmaster and backends (exited backends
 * count through the postmaster's children times), and of the whole machine.
 * A child's CPU time can only be read while it lives, hence sampling rather than a before/after difference.
 */
final class CpuSampler {

    /**
     * CPU seconds used between two instants by each party, and the share of all CPUs that was busy; of the sync
     * JVM's, {@code appJit} by its JIT compiler threads and {@code appGc} by its GC threads.
     */
    record Use(double app, double simulator, double postgres, double machineBusy, double seconds, double appJit, double appGc) {

        /** CPU seconds of everything else on the machine: other programs, the kernel, the harness's own threads. */
        double others() {
            return Math.max(0, machineBusy * Runtime.getRuntime().availableProcessors() * seconds - app - simulator - postgres);
        }
    }

    private record Sample(long epochMillis, long app, long self, long postgres, long machineBusy, long machineTotal,
                          long appJit, long appGc) {
    }

    private static final double TICK_MS = 10; // USER_HZ = 100 on Linux

    private final List<Sample> samples = new ArrayList<>();
    private long peakRssKb;

    /** @param postmaster the embedded PostgreSQL's postmaster, -1 for none (an external server is not measured) */
    void sample(ProcessHandle app, long postmaster) {
        long[] machine = machine();
        long postgres = postmaster < 0 ? 0 : ticks(postmaster, true) + ProcessHandle.of(postmaster).stream()
                .flatMap(ProcessHandle::children).mapToLong(p -> ticks(p.pid(), true)).sum();
        long[] threads = threadTicks(app.pid());
        peakRssKb = Math.max(peakRssKb, peakRssKb(app.pid()));
        samples.add(new Sample(System.currentTimeMillis(),
                app.info().totalCpuDuration().map(d -> d.toMillis()).orElse(last() == null ? 0 : last().app()),
                ticks(ProcessHandle.current().pid(), false), postgres, machine[0], machine[1],
                threads == null ? (last() == null ? 0 : last().appJit()) : threads[0],
                threads == null ? (last() == null ? 0 : last().appGc()) : threads[1]));
    }

    /** The sync JVM's peak resident set (VmHWM), in MB, as last seen while it ran. */
    long peakRssMb() {
        return peakRssKb / 1024;
    }

    /** {JIT compiler, GC} ticks of a JVM's threads by thread name, or null when it exited. */
    private static long[] threadTicks(long pid) {
        java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return null;
        }
        long jit = 0;
        long gc = 0;
        for (java.io.File task : tasks) {
            String[] f = stat(Long.parseLong(task.getName()), pid);
            if (f.length < 17) {
                continue;
            }
            long t = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            String name = f[1];
            if (name.contains("Compiler")) {
                jit += t;
            } else if (name.startsWith("GC ") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                gc += t;
            }
        }
        return new long[] {jit, gc};
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited
        }
        return 0;
    }

    /** Use between the last samples at or before {@code fromMillis} and the first at or after {@code toMillis}. */
    Use between(long fromMillis, long toMillis) {
        Sample from = samples.get(0);
        Sample to = samples.get(samples.size() - 1);
        for (Sample s : samples) {
            if (s.epochMillis() <= fromMillis) {
                from = s;
            }
        }
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).epochMillis() >= toMillis) {
                to = samples.get(i);
            }
        }
        long total = to.machineTotal() - from.machineTotal();
        return new Use((to.app() - from.app()) / 1e3, (to.self() - from.self()) * TICK_MS / 1e3,
                (to.postgres() - from.postgres()) * TICK_MS / 1e3,
                total == 0 ? Double.NaN : (double) (to.machineBusy() - from.machineBusy()) / total,
                (to.epochMillis() - from.epochMillis()) / 1e3, (to.appJit() - from.appJit()) * TICK_MS / 1e3,
                (to.appGc() - from.appGc()) * TICK_MS / 1e3);
    }

    /** The app's CPU seconds over everything sampled (its start-up included). */
    double appTotal() {
        return last() == null ? 0 : last().app() / 1e3;
    }

    private Sample last() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    /** utime + stime (+ cutime + cstime: children already waited for, e.g. a postmaster's exited backends). */
    private static long ticks(long pid, boolean withChildren) {
        String[] f = stat(pid);
        if (f.length < 17) {
            return 0;
        }
        long t = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return withChildren ? t + Long.parseLong(f[15]) + Long.parseLong(f[16]) : t;
    }

    /** The fields of /proc/PID/stat, the command name (which may hold spaces) counted as one. */
    private static String[] stat(long pid) {
        return stat(pid, -1);
    }

    /** The same for thread {@code pid} of process {@code process} (-1: {@code pid} is a process). */
    private static String[] stat(long pid, long process) {
        try {
            String s = Files.readString(Path.of(process < 0 ? "/proc/" + pid + "/stat" : "/proc/" + process + "/task/" + pid + "/stat"));
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] out = new String[rest.length + 2];
            out[0] = s.substring(0, s.indexOf(' '));
            out[1] = s.substring(s.indexOf('(') + 1, close);
            System.arraycopy(rest, 0, out, 2, rest.length);
            return out;
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    /** {busy, total} jiffies of all CPUs so far. */
    private static long[] machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0); // "cpu  user nice system idle iowait ..."
            long[] fields = Arrays.stream(cpu.substring(3).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(fields).sum();
            return new long[] {total - fields[3] - fields[4], total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
