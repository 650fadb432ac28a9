package io.bisonsync.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code GET /api/sender-emails/{id}} for an account a complete read did not see.
 *
 * @param record the account as the API holds it now, for {@link Outcome#FOUND}; else null
 */
public record RecordLookup(Outcome outcome, JsonNode record) {

    public enum Outcome {
        /** 404 with the API's JSON error body: no such account any more. The only proof that allows a delete. */
        GONE,
        /** 200: still in this workspace; the list skipped it (a shifted read). */
        FOUND,
        /** 403: it exists in another workspace now; that workspace's read moves it. */
        ELSEWHERE
    }

    public static RecordLookup gone() {
        return new RecordLookup(Outcome.GONE, null);
    }

    public static RecordLookup elsewhere() {
        return new RecordLookup(Outcome.ELSEWHERE, null);
    }

    public static RecordLookup found(JsonNode record) {
        return new RecordLookup(Outcome.FOUND, record);
    }
}
