package io.bisonsync.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The real application in a child JVM of its own, as an operator starts it ({@code BisonSyncApp [--once] --config FILE}):
 * config/application.properties with the test's overrides on top, against the test's PostgreSQL and simulator.
 */
public final class ChildApplication implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int opsPort;

    private ChildApplication(Process process, Path log, int opsPort) {
        this.process = process;
        this.log = log;
        this.opsPort = opsPort;
    }

    /**
     * The crash tests' child: {@code --once} with the test application's overrides, as a bare process.
     *
     * @param overrides the test application's overrides (simulator, database, ...) and the test's own
     * @param name      names the temporary directory holding the child's configuration and log
     */
    public static Process startOnce(Properties overrides, String name) throws IOException {
        Path dir = Files.createTempDirectory(name);
        Path config = dir.resolve("application.properties");
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            p.load(in);
        }
        p.putAll(overrides);
        try (Writer out = Files.newBufferedWriter(config)) {
            p.store(out, "child application " + name);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.bisonsync.BisonSyncApp",
                "--once", "--config", config.toString())
                .directory(new File("."))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    /** Starts {@code BisonSyncApp} with the given overrides (and {@code --once} when asked), as a replica or a cron job. */
    public static ChildApplication start(String name, Properties overrides, Map<String, String> extra, boolean once) {
        try {
            Path dir = Files.createTempDirectory("bison-" + name);
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
                p.load(in);
            }
            p.putAll(overrides);
            p.putAll(extra);
            try (Writer out = Files.newBufferedWriter(dir.resolve("application.properties"))) {
                p.store(out, "child application " + name);
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), "io.bisonsync.BisonSyncApp"));
            if (once) {
                command.add("--once");
            }
            command.addAll(List.of("--config", dir.resolve("application.properties").toString()));
            Path log = dir.resolve("child.log");
            Process process = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ChildApplication(process, log, Integer.parseInt(p.getProperty("bison.ops.port", "0")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public int opsPort() {
        return opsPort;
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process dies at once, as on an OOM kill or a lost node. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
