package io.bisonsync.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The test classpath on another Camel line: Maven resolves the Camel modules of {@code src/test/camel-<line>/pom.xml}
 * (with what they bring, e.g. Spring 7 for camel-sql 4.22), and they take the place of every Camel jar and of every
 * other jar they bring in another version. The application's own classes and its other libraries stay.
 */
public final class CamelLine {

    private CamelLine() {
    }

    /** The classpath for Camel {@code line} (e.g. "4.22"); resolved once, then read from target/. */
    public static String classpath(String line) {
        Path pom = Path.of("src/test/camel-" + line, "pom.xml");
        Path resolved = Path.of("target", "camel-" + line + ".classpath").toAbsolutePath();
        try {
            if (!Files.exists(resolved) || Files.getLastModifiedTime(resolved).compareTo(Files.getLastModifiedTime(pom)) < 0
                    || !jars(resolved).stream().allMatch(jar -> Files.exists(Path.of(jar)))) {
                resolve(pom, resolved);
            }
            List<String> camel = jars(resolved);
            return merge(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)), camel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> jars(Path classpathFile) throws IOException {
        return Arrays.asList(Files.readString(classpathFile).trim().split(File.pathSeparator));
    }

    /** {@code base} less every Camel jar and every jar {@code camel} has in another version, then {@code camel}. */
    static String merge(List<String> base, List<String> camel) {
        Set<Path> replaced = camel.stream().map(CamelLine::artifact).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (String entry : base) {
            Path artifact = artifact(entry);
            if (!replaced.contains(artifact) && !artifact.toString().contains("/org/apache/camel/")) {
                out.add(entry);
            }
        }
        out.addAll(camel);
        return String.join(File.pathSeparator, out);
    }

    /** A jar's artifact folder in the local repository ({@code .../groupId/artifactId}, above its version folder). */
    private static Path artifact(String entry) {
        Path path = Path.of(entry).toAbsolutePath();
        Path version = path.getParent();
        return version == null || version.getParent() == null ? path : version.getParent();
    }

    private static void resolve(Path pom, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-q", "-f", pom.toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + output));
        if (System.getProperty("maven.repo.local") != null) {
            command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        }
        Path log = Files.createTempFile("camel-line", ".log");
        Process mvn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                mvn.destroyForcibly();
                throw new IllegalStateException("Maven could not resolve " + pom + ": " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving " + pom, e);
        }
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }
}
