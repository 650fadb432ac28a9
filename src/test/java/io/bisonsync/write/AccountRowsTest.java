package io.bisonsync.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The record-to-row rule of AccountRows, without Camel or a database. */
class AccountRowsTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final AccountRows rows = new AccountRows();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void aRecordBecomesItsTypedFieldsPlusTheUnchangedRawRecord() throws Exception {
        JsonNode record = json("{\"id\": 7, \"email\": \"a@x.io\", \"name\": \"A\", \"status\": \"Connected\", \"daily_limit\": 30,"
                + " \"warmup_enabled\": true, \"tags\": [{\"id\": 1, \"name\": \"vip\"}, \"plain\"], \"emails_sent_count\": 12,"
                + " \"created_at\": \"2025-01-02T03:04:05.000000Z\", \"updated_at\": \"2025-01-02T05:04:05+02:00\", \"extra\": [1, 2]}");

        AccountRow row = rows.toRow(record);
        JsonNode out = json(row.jsonText());

        assertThat(row.bisonId()).isEqualTo(7L);
        assertThat(out.get("email").asText()).isEqualTo("a@x.io");
        assertThat(out.get("daily_limit").asInt()).isEqualTo(30);
        assertThat(out.get("warmup_enabled").asBoolean()).isTrue();
        assertThat(out.get("tags")).hasSize(2).extracting(JsonNode::asText).containsExactly("vip", "plain");
        assertThat(out.get("emails_sent_count").asLong()).isEqualTo(12L);
        assertThat(out.get("created_at").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(out.get("updated_at").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(out.get("data")).isEqualTo(record);
    }

    @Test
    void aRecordWithoutAnIntegerIdOrANonBlankEmailIsRejected() throws Exception {
        assertThat(rows.toRow(json("{\"email\": \"a@x.io\"}"))).isNull();
        assertThat(rows.toRow(json("{\"id\": \"7\", \"email\": \"a@x.io\"}"))).isNull();
        assertThat(rows.toRow(json("{\"id\": 7.5, \"email\": \"a@x.io\"}"))).isNull();
        assertThat(rows.toRow(json("{\"id\": 7, \"email\": \"  \"}"))).isNull();
        assertThat(rows.toRow(json("{\"id\": 7, \"email\": null}"))).isNull();
    }

    @Test
    void valuesOfAnUnexpectedTypeBecomeNullColumnsWhileTheRawRecordKeepsThem() throws Exception {
        JsonNode record = json("{\"id\": 7, \"email\": \"a@x.io\", \"name\": {\"first\": \"A\"}, \"daily_limit\": \"30\","
                + " \"warmup_enabled\": \"yes\", \"tags\": \"vip\", \"bounced_count\": 1.5, \"created_at\": \"yesterday\","
                + " \"updated_at\": \"+10000-01-01T00:00:00Z\"}");

        JsonNode out = json(rows.toRow(record).jsonText());

        assertThat(out.get("name").isNull()).isTrue();
        assertThat(out.has("daily_limit")).isFalse();
        assertThat(out.has("warmup_enabled")).isFalse();
        assertThat(out.get("tags")).isEmpty();
        assertThat(out.has("bounced_count")).isFalse();
        assertThat(out.has("created_at")).isFalse();
        assertThat(out.has("updated_at")).isFalse();
        assertThat(out.get("data")).isEqualTo(record);
    }

    @Test
    void aNulCharacterAnywhereInTheRecordIsReplacedByTheReplacementCharacterButAnEscapedBackslashStaysText() throws Exception {
        JsonNode record = json("{\"id\": 7, \"email\": \"a\\u0000@x.io\", \"name\": \"back\\\\u0000slash\", \"k\\u0000\": \"\\u0000\"}");

        AccountRow row = rows.toRow(record);
        JsonNode out = json(row.jsonText());

        assertThat(row.jsonText()).doesNotContain("a\\u0000@");
        assertThat(out.get("email").asText()).isEqualTo("a\uFFFD@x.io");
        assertThat(out.get("name").asText()).isEqualTo("back\\u0000slash");
        assertThat(out.get("data").get("k\uFFFD").asText()).isEqualTo("\uFFFD");
        assertThat(out.get("data").get("name").asText()).isEqualTo("back\\u0000slash");
    }

    @Test
    void nulAndUnpairedSurrogatesAreReplacedWhilePairedSurrogatesAreKept() {
        assertThat(AccountRows.storable("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(AccountRows.storable("lone \uD83D high")).isEqualTo("lone \uFFFD high");
        assertThat(AccountRows.storable("lone \uDE80 low")).isEqualTo("lone \uFFFD low");
        assertThat(AccountRows.storable("ends \uD83D")).isEqualTo("ends \uFFFD");
        String rocket = "rocket \uD83D\uDE80 Zoë";
        assertThat(AccountRows.storable(rocket)).isSameAs(rocket);
    }

    @Test
    void aRecordWithNulInValuesAndNamesIsCopiedWithTheirPointersListed() throws Exception {
        JsonNode record = mapper.readTree("{\"id\":1,\"name\":\"x\\u0000y\",\"tags\":[{\"name\":\"\\u0000\"}],\"k\\u0000\":1}");

        JsonNode clean = AccountRows.storable(record);

        assertThat(clean.get("name").asText()).isEqualTo("x\uFFFDy");
        assertThat(clean.get(AccountRows.REPLACED).toString()).isEqualTo("[\"/name\",\"/tags/0/name\",\"/k\uFFFD (name)\"]");
        assertThat(clean.toString()).doesNotContain("\\u0000");
        assertThat(record.get("name").asText()).as("the record read is left alone").isEqualTo("x\u0000y");
    }

    @Test
    void aStorableRecordIsStoredAsReceived() throws Exception {
        JsonNode record = mapper.readTree("{\"id\":1,\"name\":\"Robert'); DROP TABLE x;--\"}");

        assertThat(AccountRows.storable(record)).isSameAs(record);
    }
}
