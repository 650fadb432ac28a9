package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aKeyFileIsReadStrippedOfItsLineEnd() throws IOException {
        Path file = Files.writeString(dir.resolve("maverick.key"), "42|secretsecret\n");

        assertThat(KeyFiles.read("bison.instance.m.super-admin-key-file", file).reveal()).isEqualTo("42|secretsecret");
    }

    @Test
    void anEmptyKeyFileIsNamedByKeyAndPathWithoutAnyContent() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.key"), " \n");

        assertThatThrownBy(() -> KeyFiles.read("bison.instance.m.super-admin-key-file", file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bison.instance.m.super-admin-key-file'").hasMessageContaining("empty.key is empty");
    }

    @Test
    void aGlobReadsOneKeyPerMatchingFileInFileNameOrder() throws IOException {
        Files.writeString(dir.resolve("long-run-2.key"), "2|two");
        Files.writeString(dir.resolve("long-run-1.key"), "1|one");
        Files.writeString(dir.resolve("other.key"), "9|other");

        assertThat(KeyFiles.readAll("k", dir.resolve("long-run-*.key").toString())).extracting(Secret::reveal)
                .containsExactly("1|one", "2|two");
    }

    @Test
    void aGlobMatchingNoFileOrAMissingFolderIsAConfigurationError() {
        assertThatThrownBy(() -> KeyFiles.readAll("k", dir.resolve("none-*.key").toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no key file matches");
        assertThatThrownBy(() -> KeyFiles.readAll("k", dir.resolve("missing/a-*.key").toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot list key files");
    }
}
