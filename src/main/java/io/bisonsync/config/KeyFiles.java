package io.bisonsync.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads API keys from files (mounted secrets, or the simulator's key folder). A failure names the configuration
 * key and the file, never the file's content.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    /** The one key in {@code file}, stripped; an empty or unreadable file is a {@link ConfigException} on {@code key}. */
    static Secret read(String key, Path file) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new ConfigException(key, "key file " + file + " is empty");
            }
            return new Secret(value);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read key file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** One key per file matching {@code glob} (a file-name glob in a folder), in file-name order; none is an error. */
    static List<Secret> readAll(String key, String glob) {
        Path pattern = Path.of(glob);
        Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot list key files " + glob + " (" + e.getClass().getSimpleName() + ")");
        }
        if (files.isEmpty()) {
            throw new ConfigException(key, "no key file matches " + glob);
        }
        files.sort(null);
        return files.stream().map(f -> read(key, f)).toList();
    }
}
