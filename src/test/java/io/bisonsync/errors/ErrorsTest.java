package io.bisonsync.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Stored and served error texts: one line, no network addresses, no quoted record. */
class ErrorsTest {

    @Test
    void hostsPortsUrlsAndAddressesAreRedacted() {
        String m = Errors.message(new ConnectException("Connect to http://10.1.2.3:5432/x failed; db.internal:5432 and 192.168.0.7"
                + " and localhost refused"));

        assertThat(m).isEqualTo("Connect to <url> failed; <host> and <host> and <host> refused");
    }

    @Test
    void lineBreaksCannotForgeALogLine() {
        assertThat(Errors.redact("bad\r\n12:00:00.000 INFO close-run - Sync run 999 finished: SUCCESS"))
                .doesNotContain("\n").doesNotContain("\r").startsWith("bad ");
    }

    @Test
    void aDatabaseErrorKeepsItsFirstLineAndStateButNotTheRowItQuotes() {
        SQLException e = new SQLException("ERROR: invalid input syntax for type json: \"secret-ish record text\"\n"
                + "  Detail: Token \"x\" is invalid.\n  Where: JSON data, line 1: {\"email\":\"a@b.c\"", "22P02");

        assertThat(Errors.message(new RuntimeException(e))).isEqualTo("ERROR: invalid input syntax for type json (SQLState 22P02)");
    }

    @Test
    void timesAndCountsAreNotMistakenForHosts() {
        assertThat(Errors.redact("page 3 of [Maverick] Jason Binyon answered HTTP 500 at 2026-11-28T16:23:28Z"))
                .isEqualTo("page 3 of [Maverick] Jason Binyon answered HTTP 500 at 2026-11-28T16:23:28Z");
    }

    @Test
    void aRememberedSecretIsReplacedByItsLabelBeforeTheMessageIsCut() {
        io.bisonsync.config.Secrets.remember(io.bisonsync.config.Secrets.of(java.util.Map.of("errors-test-key-8e1f", "api-user key #1 of t")));
        String message = Errors.redact("x".repeat(460) + " Bearer errors-test-key-8e1f revoked");

        org.assertj.core.api.Assertions.assertThat(message).doesNotContain("errors-test-key").doesNotContain("8e1f")
                .contains("<api-user key #1");
    }
}
