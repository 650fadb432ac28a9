package io.bisonsync.sync;

/**
 * One sender email ready for the batch sink ({@link StagingCopy}): its id, and its row as one compact JSON object
 * holding the typed fields already checked and the raw record under {@code data}. The row is staged as this text;
 * {@code apply_workspace()} parses it (jsonb_to_record) only when its hash differs from the cached row's.
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
