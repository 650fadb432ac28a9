package io.bisonsync.config;

import java.util.Objects;

/**
 * A credential that never prints itself: {@link #toString()} is masked, so a secret that reaches a log line,
 * an exception message or a JSON summary by accident shows up as {@code ****}.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value").strip();
    }

    /** The clear value; only for the Authorization header or the database driver. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
