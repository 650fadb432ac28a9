package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BisonSimulatorTest {

    private static final String RECORD_FIELDS = "id name email email_signature imap_server imap_port smtp_server "
            + "smtp_port daily_limit type status warmup_enabled emails_sent_count total_replied_count "
            + "total_opened_count unsubscribed_count bounced_count unique_replied_count unique_opened_count "
            + "total_leads_contacted_count interested_leads_count created_at updated_at tags";

    private static final String MICROSECOND_TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000000Z";

    private BisonSimulator simulator;
    private SimClient client;
    private String maverickKey;

    @BeforeEach
    void start() {
        simulator = BisonSimulator.start(SimulatorSettings.defaults().withKeySeed(42));
        client = new SimClient(simulator);
        maverickKey = simulator.superAdminKey("maverick");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    // ---- pagination --------------------------------------------------------------------------------------

    @Test
    void jasonBinyonHolds433AccountsIn29PagesOf15() {
        JsonNode first = client.page("maverick", maverickKey, 1);
        assertThat(first.at("/meta/total").asInt()).isEqualTo(433);
        assertThat(first.at("/meta/last_page").asInt()).isEqualTo(29);

        Set<Long> ids = new HashSet<>();
        for (int page = 1; page <= 29; page++) {
            client.page("maverick", maverickKey, page).get("data").forEach(r -> ids.add(r.get("id").asLong()));
        }
        assertThat(ids).hasSize(433)
                .containsExactlyInAnyOrderElementsOf(simulator.instance("maverick").workspace("Jason Binyon")
                        .accountIds());
    }

    @Test
    void perPageIsIgnoredAndEveryPageHolds15Records() {
        JsonNode page = SimClient.json(client.get("maverick", "sender-emails?page=1&per_page=100", maverickKey));

        assertThat(page.get("data")).hasSize(15);
        assertThat(page.at("/meta/per_page").asInt()).isEqualTo(15);
        assertThat(page.at("/meta/last_page").asInt()).isEqualTo(29);
    }

    @Test
    void firstPageCarriesLaravelLinksAndMeta() {
        String list = simulator.baseUrl("maverick") + "/api/sender-emails";
        HttpResponse<String> response = client.get("maverick", "sender-emails?page=1", maverickKey);
        JsonNode page = SimClient.json(response);

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(page.get("links").get("first").asText()).isEqualTo(list + "?page=1");
        assertThat(page.get("links").get("last").asText()).isEqualTo(list + "?page=29");
        assertThat(page.get("links").get("prev").isNull()).isTrue();
        assertThat(page.get("links").get("next").asText()).isEqualTo(list + "?page=2");
        JsonNode meta = page.get("meta");
        assertThat(meta.get("current_page").asInt()).isEqualTo(1);
        assertThat(meta.get("from").asInt()).isEqualTo(1);
        assertThat(meta.get("to").asInt()).isEqualTo(15);
        assertThat(meta.get("path").asText()).isEqualTo(list);
    }

    @Test
    void lastPageIsShortAndHasNoNextLink() {
        JsonNode page = client.page("maverick", maverickKey, 29);

        assertThat(page.get("data")).hasSize(433 - 28 * 15);
        assertThat(page.at("/links/next").isNull()).isTrue();
        assertThat(page.at("/links/prev").asText()).endsWith("?page=28");
        assertThat(page.at("/meta/from").asInt()).isEqualTo(421);
        assertThat(page.at("/meta/to").asInt()).isEqualTo(433);
    }

    @Test
    void pagePastTheEndIsEmptyWithNullBounds() {
        JsonNode page = client.page("maverick", maverickKey, 30);

        assertThat(page.get("data")).isEmpty();
        assertThat(page.at("/links/next").isNull()).isTrue();
        assertThat(page.at("/meta/from").isNull()).isTrue();
        assertThat(page.at("/meta/to").isNull()).isTrue();
        assertThat(page.at("/meta/total").asInt()).isEqualTo(433);
    }

    @Test
    void emptyWorkspaceHasOneEmptyLastPage() {
        client.switchTo("maverick", maverickKey, simulator.instance("maverick").workspace("Initech").id());
        JsonNode page = client.page("maverick", maverickKey, 1);

        assertThat(page.get("data")).isEmpty();
        assertThat(page.at("/meta/last_page").asInt()).isEqualTo(1);
        assertThat(page.at("/meta/total").asInt()).isZero();
        assertThat(page.at("/links/next").isNull()).isTrue();
    }

    @Test
    void exactlyOneFullPageEndsOnPageOne() {
        client.switchTo("maverick", maverickKey, simulator.instance("maverick").workspace("Globex Growth").id());
        JsonNode page = client.page("maverick", maverickKey, 1);

        assertThat(page.get("data")).hasSize(15);
        assertThat(page.at("/meta/last_page").asInt()).isEqualTo(1);
        assertThat(page.at("/links/next").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sender-emails", "sender-emails?page=abc", "sender-emails?page=0", "sender-emails?page=-3"})
    void missingOrInvalidPageMeansPageOne(String route) {
        JsonNode page = SimClient.json(client.get("maverick", route, maverickKey));

        assertThat(page.at("/meta/current_page").asInt()).isEqualTo(1);
        assertThat(page.get("data").get(0)).isEqualTo(client.page("maverick", maverickKey, 1).get("data").get(0));
    }

    // ---- records and determinism -------------------------------------------------------------------------

    @Test
    void recordsCarryEveryContractFieldInItsFormat() {
        List<JsonNode> records = simulator.instance("maverick").workspace("Jason Binyon").accounts();

        for (JsonNode record : records) {
            assertThat(record.fieldNames()).toIterable().contains(RECORD_FIELDS.split(" "));
            assertThat(record.get("created_at").asText()).matches(MICROSECOND_TIMESTAMP);
            assertThat(record.get("updated_at").asText()).matches(MICROSECOND_TIMESTAMP);
            record.get("tags").forEach(tag -> assertThat(tag.fieldNames()).toIterable()
                    .containsExactly("id", "name", "default"));
        }
        assertThat(records).extracting(r -> r.get("type").asText()).contains("Inbox", "custom", "gmail", "outlook");
        assertThat(records).extracting(r -> r.get("status").asText()).contains("Connected", "Not connected");
        assertThat(records).anyMatch(r -> r.has("domain")).anyMatch(r -> !r.has("domain"));
        assertThat(records).anyMatch(r -> r.get("email_signature").asText().startsWith("<p>"));
    }

    @Test
    void demoNamesIncludeApostrophesAndEmoji() {
        List<String> names = simulator.instance("maverick").workspace("Jason Binyon").accounts().stream()
                .map(r -> r.get("name").asText()).toList();

        assertThat(names).anyMatch(n -> n.contains("'")).anyMatch(n -> n.contains("🚀"));
        // served as UTF-8 without damage: every name read over HTTP equals the stored one
        List<String> served = new ArrayList<>();
        for (int page = 1; page <= 29; page++) {
            client.page("maverick", maverickKey, page).get("data").forEach(r -> served.add(r.get("name").asText()));
        }
        assertThat(served).containsExactlyElementsOf(names);
    }

    @Test
    void accountIdsAreUniqueWithinAnInstance() {
        List<Long> ids = simulator.instance("maverick").workspaces().stream()
                .flatMap(w -> w.accountIds().stream()).toList();

        assertThat(ids).doesNotHaveDuplicates().hasSize(433 + 120 + 58 + 15);
    }

    @Test
    void sameSeedsGiveIdenticalDataAndKeys() {
        try (BisonSimulator twin = BisonSimulator.start(SimulatorSettings.defaults().withKeySeed(42))) {
            SimClient twinClient = new SimClient(twin);
            for (SimInstance instance : simulator.instances()) {
                SimInstance other = twin.instance(instance.slug());
                assertThat(other.superAdminKey()).isEqualTo(instance.superAdminKey());
                for (SimWorkspace workspace : instance.workspaces()) {
                    assertThat(other.apiUserKey(workspace.id())).isEqualTo(instance.apiUserKey(workspace.id()));
                    assertThat(other.workspace(workspace.id()).accounts().toString())
                            .isEqualTo(workspace.accounts().toString());
                }
            }
            String ownData = client.page("maverick", maverickKey, 7).get("data").toString();
            assertThat(twinClient.page("maverick", twin.superAdminKey("maverick"), 7).get("data").toString())
                    .isEqualTo(ownData);
        }
    }

    @Test
    void withoutAKeySeedTwoSimulatorsWithTheSameDataSeedHaveUnrelatedKeys() {
        try (BisonSimulator a = BisonSimulator.start(SimulatorSettings.defaults());
             BisonSimulator b = BisonSimulator.start(SimulatorSettings.defaults())) {
            assertThat(a.superAdminKey("maverick")).isNotEqualTo(b.superAdminKey("maverick")).matches("\\d+\\|[A-Za-z0-9]{40}");
            assertThat(a.instance("maverick").workspace("Jason Binyon").accounts().toString())
                    .isEqualTo(b.instance("maverick").workspace("Jason Binyon").accounts().toString());
        }
    }

    @Test
    void anotherSeedGivesOtherDataAndKeys() {
        try (BisonSimulator other = BisonSimulator.start(SimulatorSettings.defaults().withSeed(7))) {
            assertThat(other.superAdminKey("maverick")).isNotEqualTo(maverickKey);
            assertThat(other.instance("maverick").workspace("Jason Binyon").accounts().toString())
                    .isNotEqualTo(simulator.instance("maverick").workspace("Jason Binyon").accounts().toString());
            assertThat(other.instance("maverick").workspace("Jason Binyon").size()).isEqualTo(433);
        }
    }

    // ---- keys, auth and workspaces -----------------------------------------------------------------------

    @Test
    void keysLookLikeSanctumTokens() {
        assertThat(maverickKey).matches("\\d+\\|[A-Za-z0-9]{40}");
        SimInstance longRun = simulator.instance("long-run");
        longRun.workspaces().forEach(w -> assertThat(longRun.apiUserKey(w.id())).matches("\\d+\\|[A-Za-z0-9]{40}"));
    }

    @Test
    void unknownOrMissingKeyAnswers401() {
        for (String key : new String[] {null, "1|notAKey", simulator.superAdminKey("long-run")}) {
            HttpResponse<String> response = client.get("maverick", "sender-emails?page=1", key);
            assertThat(response.statusCode()).as("key %s", ApiKeys.mask(key)).isEqualTo(401);
            assertThat(SimClient.json(response).get("message").asText()).isEqualTo("Unauthenticated.");
        }
    }

    @Test
    void unknownPathOrInstanceAnswers404() {
        assertThat(client.get("maverick", "campaigns", maverickKey).statusCode()).isEqualTo(404);
        assertThat(client.get("maverick", "sender-emails/abc", maverickKey).statusCode()).isEqualTo(404);
        assertThat(client.get("maverick", "sender-emails/99999999", maverickKey).statusCode()).isEqualTo(404);
    }

    @Test
    void usersEndpointIsACheapCredentialProbe() {
        JsonNode user = SimClient.json(client.get("maverick", "users", maverickKey)).get("data");

        assertThat(user.fieldNames()).toIterable().containsExactly("id", "name", "email");
        assertThat(client.get("maverick", "users", "9|wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void superAdminKeySeesEveryWorkspaceOnBothListRoutes() {
        for (String route : new String[] {"workspaces/v1.1", "workspaces"}) {
            JsonNode list = SimClient.json(client.get("maverick", route, maverickKey)).get("data");
            assertThat(list).extracting(w -> w.get("name").asText())
                    .containsExactly("Jason Binyon", "Acme Outreach", "Northwind Leads", "Globex Growth", "Initech");
            assertThat(list.get(0).fieldNames()).toIterable()
                    .containsExactly("id", "name", "personal_team", "main", "parent_id", "created_at", "updated_at");
        }
    }

    @Test
    void apiUserKeySeesOnlyItsOwnWorkspace() {
        SimWorkspace stark = simulator.instance("long-run").workspace("Stark Sales");
        String starkKey = simulator.apiUserKey("long-run", stark.id());
        JsonNode list = SimClient.json(client.get("long-run", "workspaces/v1.1", starkKey)).get("data");

        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(stark.id());
    }

    @Test
    void superAdminKeyReadsTheWorkspaceItSwitchedTo() {
        SimWorkspace acme = simulator.instance("maverick").workspace("Acme Outreach");
        HttpResponse<String> switched = client.switchTo("maverick", maverickKey, acme.id());

        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(switched).get("data").get("name").asText()).isEqualTo("Acme Outreach");
        assertThat(client.page("maverick", maverickKey, 1).at("/meta/total").asInt()).isEqualTo(120);
    }

    @Test
    void switchingToAnUnknownWorkspaceAnswers404() {
        HttpResponse<String> response = client.switchTo("maverick", maverickKey, 999_999);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(SimClient.json(response).at("/data/message").asText()).isEqualTo("Record not found.");
    }

    @Test
    void apiUserKeyMayOnlySwitchToItsOwnWorkspace() {
        SimInstance longRun = simulator.instance("long-run");
        long hooli = longRun.workspace("Hooli").id();
        String hooliKey = longRun.apiUserKey(hooli);

        HttpResponse<String> other = client.switchTo("long-run", hooliKey, longRun.workspace("Stark Sales").id());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(SimClient.json(other).at("/data/message").asText())
                .isEqualTo("This api key does not match the workspace the record is on.");
        assertThat(client.switchTo("long-run", hooliKey, hooli).statusCode()).isEqualTo(200);
        assertThat(client.page("long-run", hooliKey, 1).at("/meta/total").asInt()).isEqualTo(212);
    }

    @Test
    void switchStateBelongsToTheKeyThatSwitched() {
        SimInstance maverick = simulator.instance("maverick");
        String jasonKey = maverick.apiUserKey(maverick.workspace("Jason Binyon").id());

        client.switchTo("maverick", maverickKey, maverick.workspace("Northwind Leads").id());

        assertThat(client.page("maverick", maverickKey, 1).at("/meta/total").asInt()).isEqualTo(58);
        assertThat(client.page("maverick", jasonKey, 1).at("/meta/total").asInt()).isEqualTo(433);
        assertThat(client.page("long-run", simulator.superAdminKey("long-run"), 1).at("/meta/total").asInt())
                .isEqualTo(212);
    }

    @Test
    void recordOfAnotherWorkspaceIsForbiddenAndOwnRecordIsServed() {
        SimInstance longRun = simulator.instance("long-run");
        SimWorkspace hooli = longRun.workspace("Hooli");
        SimWorkspace wayne = longRun.workspace("Wayne Ventures");
        String hooliKey = longRun.apiUserKey(hooli.id());
        long own = hooli.accountIds().get(3);

        HttpResponse<String> ownRecord = client.get("long-run", "sender-emails/" + own, hooliKey);
        assertThat(ownRecord.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(ownRecord).get("data").toString())
                .isEqualTo(hooli.account(own).orElseThrow().toString());

        HttpResponse<String> foreign = client.get("long-run", "sender-emails/" + wayne.accountIds().get(0), hooliKey);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(SimClient.json(foreign).at("/data/success").asBoolean()).isFalse();
    }

    @Test
    void testsCanMutateWorkspacesBetweenRuns() {
        SimInstance maverick = simulator.instance("maverick");
        SimWorkspace jason = maverick.workspace("Jason Binyon");
        SimWorkspace initech = maverick.workspace("Initech");
        long first = jason.accountIds().get(0);
        long second = jason.accountIds().get(1);

        List<Long> added = jason.addAccounts(2);
        jason.removeAccount(first);
        jason.updateField(second, "status", "Not connected");
        jason.moveAccountTo(jason.accountIds().get(5), initech);

        assertThat(jason.size()).isEqualTo(433 + 2 - 1 - 1);
        assertThat(jason.accountIds()).containsAll(added).doesNotContain(first);
        assertThat(added).allMatch(id -> !maverick.workspaces().stream()
                .filter(w -> w != jason).anyMatch(w -> w.accountIds().contains(id)));
        assertThat(initech.size()).isEqualTo(1);
        JsonNode page = client.page("maverick", maverickKey, 1);
        assertThat(page.at("/meta/total").asInt()).isEqualTo(433);
        assertThat(page.at("/data/0/status").asText()).isEqualTo("Not connected");
    }

    @Test
    void keyFilesHoldTheKeysTheApplicationIsGiven(@TempDir Path dir) throws Exception {
        Path keyDir = dir.resolve("keys");
        try (BisonSimulator withFiles = BisonSimulator.start(SimulatorSettings.defaults().withKeyDir(keyDir))) {
            assertThat(Files.readString(keyDir.resolve("maverick.key"))).isEqualTo(withFiles.superAdminKey("maverick"));
            for (SimWorkspace workspace : withFiles.instance("long-run").workspaces()) {
                Path file = keyDir.resolve("long-run-" + workspace.id() + ".key");
                assertThat(Files.readString(file)).isEqualTo(withFiles.apiUserKey("long-run", workspace.id()));
            }
            // Cobalt, with both key kinds: its super-admin key and the api-user keys of Tyrell Mail and Soylent
            assertThat(Files.readString(keyDir.resolve("cobalt.key"))).isEqualTo(withFiles.superAdminKey("cobalt"));
            for (String name : new String[] {"Tyrell Mail", "Soylent"}) {
                long id = withFiles.instance("cobalt").workspace(name).id();
                assertThat(Files.readString(keyDir.resolve("cobalt-" + id + ".key"))).isEqualTo(withFiles.apiUserKey("cobalt", id));
            }
            try (var files = Files.list(keyDir)) {
                assertThat(files).hasSize(1 + 3 + 3);
            }
            assertThat(withFiles.keyFiles()).hasSize(7);
        }
    }

    @Test
    void requestLogNeverShowsAKeyInFull() {
        client.get("maverick", "users", maverickKey);
        RequestLog.Event event = simulator.requests().events(maverickKey).get(0);

        assertThat(event.key()).isEqualTo(maverickKey);
        assertThat(event.toString()).doesNotContain(maverickKey.substring(maverickKey.indexOf('|') + 1))
                .contains(maverickKey.substring(0, maverickKey.indexOf('|')) + "|****");
        assertThat(new KeyGrant(maverickKey, null).toString()).doesNotContain(maverickKey);
    }
}
