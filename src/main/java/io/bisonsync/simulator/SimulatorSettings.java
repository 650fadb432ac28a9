package io.bisonsync.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulator starts.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param seed               every record, id and key derives from it: same seed, same bytes
 * @param fleet              instances and workspace sizes
 * @param keyDir             where key files are written, or null for none
 * @param latency            base latency added to every request (a fault that {@link Faults#reset()} keeps)
 * @param rateLimitPerMinute requests per sliding minute per instance; 0 = unlimited
 * @param keySeed            null: API keys come from SecureRandom (unguessable, new at each start); a number: keys
 *                           derive from it, reproducibly (tests that compare two simulators)
 */
public record SimulatorSettings(int port, long seed, FleetSpec fleet, Path keyDir, Duration latency,
                                int rateLimitPerMinute, Long keySeed) {

    public SimulatorSettings(int port, long seed, FleetSpec fleet, Path keyDir, Duration latency, int rateLimitPerMinute) {
        this(port, seed, fleet, keyDir, latency, rateLimitPerMinute, null);
    }

    public SimulatorSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(fleet, "fleet");
        latency = latency == null ? Duration.ZERO : latency;
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rateLimitPerMinute must be >= 0, was " + rateLimitPerMinute);
        }
    }

    /** Ephemeral port, seed 42, the demo fleet, random keys, no key files, no latency, no rate limit. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, 42L, FleetSpec.demo(), null, Duration.ZERO, 0);
    }

    public SimulatorSettings withPort(int port) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }

    public SimulatorSettings withSeed(long seed) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }

    public SimulatorSettings withFleet(FleetSpec fleet) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }

    public SimulatorSettings withKeyDir(Path keyDir) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }

    public SimulatorSettings withLatency(Duration latency) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }

    /** Keys derived from {@code keySeed} instead of SecureRandom. */
    public SimulatorSettings withKeySeed(long keySeed) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }

    public SimulatorSettings withRateLimitPerMinute(int rateLimitPerMinute) {
        return new SimulatorSettings(port, seed, fleet, keyDir, latency, rateLimitPerMinute, keySeed);
    }
}
