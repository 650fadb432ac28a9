package io.bisonsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays short and every document it moved out stays reachable: each link of the README and of docs/*.md
 * names a file inside the repository and, with a {@code #fragment}, a heading of that file.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("bench/README.md"), Path.of("bench/NOTES.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<String> links(Path doc) throws IOException {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(Files.readString(doc));
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** GitHub's anchor of a heading: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<String> anchors(Path doc) throws IOException {
        boolean code = false;
        List<String> anchors = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+", "")));
            }
        }
        return anchors;
    }

    @Test
    void theReadmeIsUnder200Lines() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThan(200);
    }

    @Test
    void everyLinkOfTheDocumentationNamesAFileAndHeadingInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            for (String link : links(doc)) {
                if (link.startsWith("http://localhost") || link.startsWith("http://127.0.0.1")) {
                    continue;
                }
                if (link.matches("^[a-z]+:.*")) {
                    broken.add(doc + ": " + link + " leaves the repository");
                    continue;
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                Path target = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!target.toAbsolutePath().startsWith(ROOT) || !Files.exists(target)) {
                    broken.add(doc + ": " + link + " names no file of the repository");
                } else if (link.contains("#") && !anchors(target).contains(link.substring(link.indexOf('#') + 1))) {
                    broken.add(doc + ": " + link + " names no heading of " + ROOT.relativize(target.toAbsolutePath()));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyDocumentMovedOutOfTheReadmeIsLinkedFromIt() throws IOException {
        List<String> linked = links(Path.of("README.md")).stream().map(l -> l.replaceFirst("#.*", "")).toList();
        for (Path doc : documents()) {
            if (!doc.equals(Path.of("README.md"))) {
                assertThat(linked).as("links of README.md").contains(doc.toString().replace('\\', '/'));
            }
        }
    }
}
