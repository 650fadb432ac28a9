package io.bisonsync.simulator;

import io.bisonsync.config.ConfigException;
import io.bisonsync.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a simulator until killed. Options (all optional):
 * <pre>
 *   --port N              TCP port on 127.0.0.1, 0 = any free one (default 8089)
 *   --seed N              seed of the data (default 42)
 *   --key-seed N          derive the API keys from N (default: SecureRandom, new keys at each start)
 *   --fleet F             demo, benchmark:&lt;instances&gt;x&lt;workspaces per instance&gt;x&lt;accounts&gt;, or
 *                         agency:&lt;workspaces&gt;x&lt;accounts each&gt; (one super-admin key) (default demo)
 *   --latency D           latency added to every response, e.g. 50ms (default 0ms)
 *   --rate-limit N        requests per sliding minute per instance before 429, 0 = unlimited (default 0)
 *   --key-dir DIR         where the key files are written (default data/simulator-keys)
 * </pre>
 * A single bare number is read as the port, as before. On SIGTERM / Ctrl-C it prints one line of request counts per
 * instance ({@code stats <slug> requests=N http429=N max-per-minute=N}), so a run can be measured from outside.
 */
public final class SimulatorMain {

    private static final Pattern BENCHMARK = Pattern.compile("benchmark:(\\d+)x(\\d+)x(\\d+)");
    private static final Pattern AGENCY = Pattern.compile("agency:(\\d{1,4})x(\\d{1,6})");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SimulatorMain: " + e.getMessage());
            System.err.println("usage: SimulatorMain [--port N] [--seed N] [--key-seed N] [--fleet demo|benchmark:IxWxA|agency:WxA] [--latency 50ms]"
                    + " [--rate-limit N] [--key-dir DIR]");
            System.exit(2);
            return;
        }
        BisonSimulator simulator = BisonSimulator.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            printStats(simulator);
            simulator.close();
        }, "bison-sim-shutdown"));

        System.out.printf("Email Bison simulator on port %d (seed %d, latency %d ms, rate limit %s)%n", simulator.port(),
                settings.seed(), settings.latency().toMillis(),
                settings.rateLimitPerMinute() == 0 ? "none" : settings.rateLimitPerMinute() + "/min per instance");
        for (SimInstance instance : simulator.instances()) {
            System.out.printf("%s (%s, %s keys): %s, %d workspaces, %d sender emails%n", instance.name(), instance.slug(),
                    instance.keyMode().name().toLowerCase(Locale.ROOT), simulator.baseUrl(instance.slug()),
                    instance.workspaces().size(), instance.totalAccounts());
            if (instance.workspaces().size() <= 20) {
                instance.workspaces().forEach(w -> System.out.printf("  workspace %d %s: %d sender emails%n",
                        w.id(), w.name(), w.size()));
            }
        }
        // the folder only: the keys themselves are never printed
        System.out.println("key files: " + simulator.keyFiles().size() + " in " + settings.keyDir().toAbsolutePath());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static SimulatorSettings parse(String[] args) {
        SimulatorSettings settings = SimulatorSettings.defaults().withPort(8089).withKeyDir(Path.of("data", "simulator-keys"));
        if (args.length == 1 && args[0].matches("\\d+")) {
            return settings.withPort(Integer.parseInt(args[0]));
        }
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            settings = switch (option) {
                case "--port" -> settings.withPort(number(option, value));
                case "--seed" -> settings.withSeed(Long.parseLong(value));
                case "--key-seed" -> settings.withKeySeed(Long.parseLong(value));
                case "--fleet" -> settings.withFleet(fleet(value));
                case "--latency" -> settings.withLatency(duration(option, value));
                case "--rate-limit" -> settings.withRateLimitPerMinute(number(option, value));
                case "--key-dir" -> settings.withKeyDir(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            };
        }
        return settings;
    }

    static FleetSpec fleet(String value) {
        if (value.equals("demo")) {
            return FleetSpec.demo();
        }
        Matcher agency = AGENCY.matcher(value);
        if (agency.matches()) {
            return FleetSpec.agency(Integer.parseInt(agency.group(1)), Integer.parseInt(agency.group(2)));
        }
        Matcher m = BENCHMARK.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("--fleet must be demo, benchmark:<instances>x<workspaces>x<accounts> or "
                    + "agency:<workspaces>x<accounts each>, was " + value);
        }
        return FleetSpec.benchmark(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was " + value);
        }
    }

    private static Duration duration(String option, String value) {
        try {
            return Durations.parse(option, value);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 50ms, was " + value);
        }
    }

    private static void printStats(BisonSimulator simulator) {
        RequestLog log = simulator.requests();
        for (SimInstance instance : simulator.instances()) {
            String slug = instance.slug();
            long requests = log.events().stream().filter(e -> e.slug().equals(slug)).count();
            System.out.printf("stats %s requests=%d http429=%d max-per-minute=%d%n", slug, requests, log.count429(slug),
                    log.maxRequestsInAnyMinute(slug));
        }
        System.out.flush();
    }
}
