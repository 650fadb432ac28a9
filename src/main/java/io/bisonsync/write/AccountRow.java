package io.bisonsync.write;

/**
 * One sender email ready for the batch sink ({@link StagingCopy}): its id, and its row as one compact JSON object
 * holding the typed fields already checked and the raw record under {@code data}. The row is staged as this text;
 * {@code apply_workspace()} parses it (jsonb_to_record) only when its hash differs from the cached row's.
 *
 * @param bisonId   the record's {@code id}
 * @param json      {@code {"id":..,"email":..,...,"data":{raw record}}} in UTF-8, without NUL characters
 * @param columns   the typed columns after {@code bison_id} as COPY text ({@link StagingCopy}): email to bison_updated_at,
 *                  each followed by a tab; null for a row not made by {@link AccountRows}
 * @param dataStart where the raw record (the value of {@code data}) starts in {@code json}; it ends before the last byte
 */
public record AccountRow(long bisonId, byte[] json, byte[] columns, int dataStart) {

    /** A row known only by its JSON (tests; a lookup's found record before it is staged). */
    public AccountRow(long bisonId, byte[] json) {
        this(bisonId, json, null, -1);
    }

    /** The row's JSON as text (tests, diagnostics). */
    public String jsonText() {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
