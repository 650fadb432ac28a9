package io.bisonsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FaultsTest {

    private BisonSimulator simulator;
    private SimClient client;
    private String key;
    private SimWorkspace jason;

    @BeforeEach
    void start() {
        simulator = BisonSimulator.start(SimulatorSettings.defaults());
        client = new SimClient(simulator);
        key = simulator.superAdminKey("maverick");
        jason = simulator.instance("maverick").workspace("Jason Binyon");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> read(int page) {
        return client.get("maverick", "sender-emails?page=" + page, key);
    }

    @Test
    void latencyDelaysEveryRequestYetParallelRequestsOverlap() {
        simulator.faults().latency(Duration.ofMillis(300));

        assertThat(timed(() -> assertThat(read(1).statusCode()).isEqualTo(200)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> parallel = IntStream.rangeClosed(1, 20)
                .mapToObj(page -> client.getAsync("maverick", "sender-emails?page=" + page, key)).toList();
        assertThat(parallel).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(20 * 300));
    }

    @Test
    void scopedLatencyAddsToTheSettingsLatencyWhichSurvivesReset() {
        try (BisonSimulator slow = BisonSimulator.start(SimulatorSettings.defaults()
                .withLatency(Duration.ofMillis(200)))) {
            SimClient slowClient = new SimClient(slow);
            SimWorkspace hooli = slow.instance("long-run").workspace("Hooli");
            String hooliKey = slow.apiUserKey("long-run", hooli.id());
            slow.faults().latency(hooli.scope(), Duration.ofMillis(200));

            assertThat(timed(() -> slowClient.get("long-run", "users", hooliKey)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400));
            slow.faults().reset();
            assertThat(timed(() -> slowClient.get("long-run", "users", hooliKey)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    private static Consumer<String> isHtml() {
        return contentType -> assertThat(contentType).startsWith("text/html");
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void serverErrorScopedToOneWorkspaceLeavesOthersAlone() {
        SimInstance maverick = simulator.instance("maverick");
        simulator.faults().serverError(jason.scope(), Faults.ANY_PAGE, 500, Faults.FOREVER);

        HttpResponse<String> failed = read(3);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(SimClient.json(failed).get("message").asText()).isEqualTo("Server Error");

        client.switchTo("maverick", key, maverick.workspace("Acme Outreach").id());
        assertThat(read(3).statusCode()).isEqualTo(200);
    }

    @Test
    void transientGatewayErrorAnswersHtmlThenHeals() {
        simulator.faults().serverError(jason.scope(), 2, 503, 2);

        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> response = read(2);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(isHtml());
            assertThat(response.body()).isEqualTo("<html><body><h1>503 Service Unavailable</h1></body></html>");
        }
        assertThat(read(1).statusCode()).isEqualTo(200);
        assertThat(read(2).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 504})
    void permanentGatewayErrorNeverHeals(int status) {
        simulator.faults().serverError(FaultScope.global(), 5, status, Faults.FOREVER);

        for (int attempt = 0; attempt < 4; attempt++) {
            HttpResponse<String> response = read(5);
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).startsWith("<html><body><h1>" + status + " ");
        }
        assertThat(simulator.requests().count(key, "sender-emails")).isEqualTo(4);
    }

    @Test
    void truncatedJsonIsAHalfEnvelopeWithStatus200() {
        String whole = read(2).body();
        simulator.faults().malformed(jason.scope(), 2, Malformation.TRUNCATED_JSON, 1);

        HttpResponse<String> response = read(2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(whole.length() / 2);
        assertThat(whole).startsWith(response.body());
        assertThat(read(2).body()).isEqualTo(whole);
    }

    @Test
    void htmlWithStatus200IsServedAsHtml() {
        simulator.faults().malformed(jason.scope(), 1, Malformation.HTML_200, 1);

        HttpResponse<String> response = read(1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(isHtml());
        assertThat(response.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void successFalseComesWithStatus200() {
        simulator.faults().malformed(jason.scope(), 1, Malformation.SUCCESS_FALSE, 1);

        HttpResponse<String> response = read(1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(response).at("/data/success").asBoolean(true)).isFalse();
    }

    @Test
    void missingMetaOrLinksDropsOnlyThatPart() {
        simulator.faults().malformed(jason.scope(), 1, Malformation.MISSING_META, 1)
                .malformed(jason.scope(), 1, Malformation.MISSING_LINKS, 1);

        JsonNode noMeta = SimClient.json(read(1));
        JsonNode noLinks = SimClient.json(read(1));
        assertThat(noMeta.has("meta")).isFalse();
        assertThat(noMeta.has("links")).isTrue();
        assertThat(noMeta.get("data")).hasSize(15);
        assertThat(noLinks.has("links")).isFalse();
        assertThat(noLinks.has("meta")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RECORD_WITHOUT_ID:id", "RECORD_WITHOUT_EMAIL:email"})
    void oneRecordOfThePageLacksAField(String kindAndField) {
        Malformation kind = Malformation.valueOf(kindAndField.split(":")[0]);
        String field = kindAndField.split(":")[1];
        simulator.faults().malformed(jason.scope(), 4, kind, 1);

        JsonNode data = client.page("maverick", key, 4).get("data");
        assertThat(data).hasSize(15);
        assertThat(data).filteredOn(r -> !r.has(field)).hasSize(1);
        assertThat(client.page("maverick", key, 4).get("data")).allMatch(r -> r.has(field));
    }

    @Test
    void duplicateRepeatsTheLastRecordOfThePreviousPage() {
        JsonNode page1 = client.page("maverick", key, 1).get("data");
        simulator.faults().malformed(jason.scope(), 2, Malformation.DUPLICATE_FROM_PREVIOUS_PAGE, 1);

        JsonNode page2 = client.page("maverick", key, 2).get("data");
        assertThat(page2).hasSize(15);
        assertThat(page2.get(0)).isEqualTo(page1.get(14));
    }

    @Test
    void hangingPageLeavesTheClientToItsOwnTimeout() throws Exception {
        simulator.faults().hang(jason.scope(), 3);

        assertThatThrownBy(() -> client.get("maverick", "sender-emails?page=3", key, Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(read(4).statusCode()).isEqualTo(200);
        assertThat(simulator.requests().events(key)).anyMatch(e -> Integer.valueOf(3).equals(e.page())
                && e.status() == 0);
    }

    @Test
    void closingReleasesHangingRequestsAtOnce() {
        simulator.faults().hang(FaultScope.global(), 1);
        CompletableFuture<HttpResponse<String>> hanging = client.getAsync("maverick", "sender-emails?page=1", key);
        await("the hanging request arrived").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                .until(() -> simulator.requests().count(key) == 1);

        long start = System.nanoTime();
        simulator.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> hanging.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void unauthorizedScopeRevokesOnlyThatWorkspacesKey() {
        SimInstance longRun = simulator.instance("long-run");
        SimWorkspace hooli = longRun.workspace("Hooli");
        simulator.faults().unauthorized(hooli.scope());

        assertThat(client.get("long-run", "users", longRun.apiUserKey(hooli.id())).statusCode()).isEqualTo(401);
        assertThat(client.get("long-run", "sender-emails?page=1", longRun.apiUserKey(hooli.id())).statusCode())
                .isEqualTo(401);
        long stark = longRun.workspace("Stark Sales").id();
        assertThat(client.get("long-run", "sender-emails?page=1", longRun.apiUserKey(stark)).statusCode())
                .isEqualTo(200);

        simulator.faults().reset();
        assertThat(client.get("long-run", "users", longRun.apiUserKey(hooli.id())).statusCode()).isEqualTo(200);
    }

    @Test
    void accountsAddedAfterAPageRaiseTheTotalOnce() {
        simulator.faults().addAfterPage(jason.scope(), 1, 5);

        assertThat(client.page("maverick", key, 1).at("/meta/total").asInt()).isEqualTo(433);
        assertThat(client.page("maverick", key, 2).at("/meta/total").asInt()).isEqualTo(438);
        assertThat(client.page("maverick", key, 1).at("/meta/total").asInt()).isEqualTo(438);
        assertThat(client.page("maverick", key, 30).get("data")).hasSize(3);
    }

    @Test
    void accountsRemovedAfterAPageShiftTheRestAndAreSkipped() {
        List<Long> before = jason.accountIds();
        simulator.faults().removeAfterPage(jason.scope(), 1, 15);

        client.page("maverick", key, 1);
        JsonNode page2 = client.page("maverick", key, 2);

        assertThat(page2.at("/meta/total").asInt()).isEqualTo(418);
        assertThat(page2.at("/data/0/id").asLong()).isEqualTo(before.get(30)); // records 16..30 were never served
        assertThat(jason.accountIds()).doesNotContainAnyElementsOf(before.subList(0, 15));
    }

    @Test
    void workspaceListErrorFailsOnlyTheList() {
        simulator.faults().workspaceListError("maverick", 503);

        HttpResponse<String> list = client.get("maverick", "workspaces/v1.1", key);
        assertThat(list.statusCode()).isEqualTo(503);
        assertThat(list.body()).contains("<h1>503");
        assertThat(read(1).statusCode()).isEqualTo(200);
        assertThat(client.get("long-run", "workspaces/v1.1", simulator.superAdminKey("long-run")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void resetClearsEveryFault() {
        simulator.faults().serverError(FaultScope.global(), Faults.ANY_PAGE, 500, Faults.FOREVER)
                .malformed(FaultScope.global(), 2, Malformation.HTML_200, Faults.FOREVER)
                .unauthorized(FaultScope.instance("long-run"))
                .workspaceListError("maverick", 500);

        simulator.faults().reset();

        assertThat(read(1).statusCode()).isEqualTo(200);
        assertThat(SimClient.json(read(2)).get("data")).hasSize(15);
        assertThat(client.get("maverick", "workspaces", key).statusCode()).isEqualTo(200);
        assertThat(client.get("long-run", "users", simulator.superAdminKey("long-run")).statusCode()).isEqualTo(200);
    }

    @Test
    void faultForAnUnknownInstanceOrWorkspaceIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> simulator.faults().rateLimit("maverik", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maverik");
        assertThatThrownBy(() -> simulator.faults().hang(FaultScope.workspace("maverick", 999_999), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
