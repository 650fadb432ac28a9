package io.bisonsync.write;

/**
 * One sender email ready for the batch statement ({@code sql/stage-accounts.sql}): its id, and its row as one compact
 * JSON object holding the typed fields already checked and the raw record under {@code data}. The batch is the
 * JSON array of its rows, one bound parameter that PostgreSQL unpacks with {@code jsonb_to_recordset}.
 *
 * @param bisonId the record's {@code id}
 * @param json    {@code {"id":..,"email":..,...,"data":{raw record}}} in UTF-8, without NUL characters
 */
public record AccountRow(long bisonId, byte[] json) {

    /** The row's JSON as text (tests, diagnostics). */
    public String jsonText() {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
