package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What PostgreSQL cannot store is replaced and marked; everything else is kept exactly. */
class AccountRowsTest {

    private final ObjectMapper mapper = new ObjectMapper();

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
