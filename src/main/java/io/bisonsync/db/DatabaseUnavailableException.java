package io.bisonsync.db;

/** PostgreSQL could not be reached within bison.db.startup-wait; the message names the (password-free) URL. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
