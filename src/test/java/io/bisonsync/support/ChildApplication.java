package io.bisonsync.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The real application started as its own JVM ({@code io.bisonsync.BisonSyncApp}), configured with the shipped
 * file plus a test's overrides, its whole output (from the first line) in a file.
 */
public final class ChildApplication implements AutoCloseable {

    private final Path dir;
    private final Process process;

    private ChildApplication(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /**
     * @param overrides   properties written over config/application.properties
     * @param jvmOptions  e.g. -Xmx64m, -D...
     * @param environment extra environment variables
     * @param args        application arguments after --config FILE, e.g. --once
     */
    public static ChildApplication start(Properties overrides, List<String> jvmOptions, Map<String, String> environment,
                                         String... args) {
        return start(System.getProperty("java.class.path"), overrides, jvmOptions, environment, args);
    }

    /** As {@link #start(Properties, List, Map, String...)}, on another classpath (e.g. {@link CamelLine}'s). */
    public static ChildApplication start(String classpath, Properties overrides, List<String> jvmOptions,
                                         Map<String, String> environment, String... args) {
        try {
            Path dir = Files.createTempDirectory("bison-child");
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
                p.load(in);
            }
            p.putAll(overrides);
            Path config = dir.resolve("application.properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                p.store(out, "child application");
            }
            return launch(classpath, dir, config, jvmOptions, environment, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The launcher with {@code config} as its only configuration file (no shipped file under it), from the project's
     * folder, as an operator starts it.
     */
    public static ChildApplication startStandalone(Path config, List<String> jvmOptions, Map<String, String> environment,
                                                   String... args) {
        try {
            return launch(System.getProperty("java.class.path"), Files.createTempDirectory("bison-child"), config, jvmOptions, environment, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChildApplication launch(String classpath, Path dir, Path config, List<String> jvmOptions, Map<String, String> environment,
                                           String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath));
        command.addAll(jvmOptions);
        command.add("io.bisonsync.BisonSyncApp");
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().putAll(environment);
        return new ChildApplication(dir, builder.start());
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process dies at once, as on an OOM kill or a lost node. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    public Path dir() {
        return dir;
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
