package io.bisonsync.support;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The real application in a child JVM: config/application.properties plus a test's overrides, running {@code --once}. */
public final class ChildApplication {

    private ChildApplication() {
    }

    /**
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
}
