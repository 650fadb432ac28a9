package io.bisonsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/run} runs the harness on {@code target/test-classes} plus the runnable jar, without the test
 * libraries: a harness class that needs one (an Awaitility wait did once) breaks {@code bench/run} with a
 * NoClassDefFoundError while every test stays green. Only this test may use them.
 */
class BenchHarnessClasspathTest {

    private static final List<String> TEST_ONLY = List.of("org.junit", "org.assertj", "org.awaitility", "net.jqwik",
            "org.mockito", "org.openqa", "io.bisonsync.support");

    @Test
    void theBenchHarnessImportsNothingThatOnlyTheTestsHave() throws IOException {
        Path bench = Path.of("src/test/java/io/bisonsync/bench");
        try (Stream<Path> files = Files.list(bench)) {
            List<String> offending = files
                    .filter(f -> !f.getFileName().toString().equals("BenchHarnessClasspathTest.java"))
                    .flatMap(f -> lines(f).stream()
                            .filter(line -> line.startsWith("import "))
                            .filter(line -> TEST_ONLY.stream().anyMatch(prefix -> line.replace("import static ", "import ")
                                    .startsWith("import " + prefix + ".")))
                            .map(line -> f.getFileName() + ": " + line))
                    .toList();
            assertThat(offending).as("imports bench/run cannot load").isEmpty();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
