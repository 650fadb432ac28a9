package io.bisonsync.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Which process this is, as the run log, the run lock and the Quartz cluster name it: the host (the pod name under
 * Kubernetes), the pid, and an instance id {@code <host>-<pid>-<start epoch ms>} that is unique among live processes
 * and is also the Quartz scheduler's instance id.
 */
public record ProcessIdentity(String host, long pid, String instanceId) {

    private static final ProcessIdentity CURRENT = detect();

    public ProcessIdentity {
        Objects.requireNonNull(host);
        Objects.requireNonNull(instanceId);
    }

    /** This JVM. */
    public static ProcessIdentity current() {
        return CURRENT;
    }

    public static ProcessIdentity of(String host, long pid, long startedAtMillis) {
        return new ProcessIdentity(host, pid, host + "-" + pid + "-" + startedAtMillis);
    }

    /** How an operator reads it in a log line or a 409: {@code host web-1, instance web-1-4242-1733...}. */
    public String describe() {
        return "host " + host + ", instance " + instanceId;
    }

    private static ProcessIdentity detect() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
        return of(hostName(), self.pid(), started);
    }

    /** $HOSTNAME first (the pod name in Kubernetes, set without a DNS lookup), else the resolver's answer. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
