package io.bisonsync.simulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server that behaves like one or more Email Bison instances, each under its own path prefix
 * ({@code http://127.0.0.1:<port>/<slug>/api/...}), with data and keys derived from a seed and faults on demand.
 */
public final class BisonSimulator implements AutoCloseable {

    private static final int WORKER_THREADS = 32;

    static {
        // The JDK server flushes headers and body separately; with Nagle on, each response then waits ~40 ms for
        // a delayed ACK, which would make the simulator, not the client, the bottleneck of every benchmark.
        // Read once per JVM by the JDK server, so it must be set before the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorSettings settings;
    private final Map<String, SimInstance> instances;
    private final Faults faults;
    private final RequestLog requests = new RequestLog();
    private final List<Path> keyFiles;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService delayed;
    private final HttpFront front;

    private BisonSimulator(SimulatorSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        Map<String, SimInstance> bySlug = new LinkedHashMap<>();
        for (FleetSpec.InstanceSpec spec : settings.fleet().instances()) {
            bySlug.put(spec.slug(), SimInstance.create(spec, settings.seed(), settings.keySeed()));
        }
        this.instances = Collections.unmodifiableMap(bySlug);
        this.faults = new Faults(instances, settings.latency(), settings.rateLimitPerMinute());
        this.keyFiles = settings.keyDir() == null ? List.of() : KeyFiles.write(settings.keyDir(), instances.values());

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.server = HttpServer.create(new InetSocketAddress(loopback, settings.port()), 256);
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads("bison-sim-http"));
        this.delayed = Executors.newScheduledThreadPool(4, daemonThreads("bison-sim-delay"));
        ApiRoutes routes = new ApiRoutes(instances, faults, clock, this::baseUrl);
        this.front = new HttpFront(routes, requests, clock, delayed);
        server.createContext("/", front);
        server.setExecutor(workers);
        server.start();
    }

    public static BisonSimulator start(SimulatorSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with a given clock, which drives the rate-limit window and the request log (tests move it). */
    public static BisonSimulator start(SimulatorSettings settings, Clock clock) {
        try {
            return new BisonSimulator(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Email Bison simulator on port " + settings.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/<slug>}: what the application configures as the instance host. */
    public String baseUrl(String slug) {
        instance(slug);
        return "http://127.0.0.1:" + port() + "/" + slug;
    }

    public SimInstance instance(String slug) {
        SimInstance instance = instances.get(slug);
        if (instance == null) {
            throw new IllegalArgumentException("no instance '" + slug + "'; known: " + instances.keySet());
        }
        return instance;
    }

    public List<SimInstance> instances() {
        return List.copyOf(instances.values());
    }

    public String superAdminKey(String slug) {
        return instance(slug).superAdminKey();
    }

    public String apiUserKey(String slug, long workspaceId) {
        return instance(slug).apiUserKey(workspaceId);
    }

    /** The key files written to {@link SimulatorSettings#keyDir()}, empty if none. */
    public List<Path> keyFiles() {
        return keyFiles;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * Stops at once: hanging and delayed requests see their connection close. The listening socket closes first: a
     * client may resend a GET whose connection closed before any byte (the JDK's HttpClient does, once), and a resent
     * request accepted while the server stops could be left open with nobody to answer or close it.
     */
    @Override
    public void close() {
        server.stop(0);
        front.releaseHanging();
        delayed.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
