package io.bisonsync.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limiting and request counting, on a clock the test moves, so a minute passes instantly. */
class RateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-04-14T16:59:21Z"));
    private BisonSimulator simulator;
    private SimClient client;
    private String key;

    @BeforeEach
    void start() {
        simulator = BisonSimulator.start(SimulatorSettings.defaults(), clock);
        client = new SimClient(simulator);
        key = simulator.superAdminKey("maverick");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> read() {
        return client.get("maverick", "sender-emails?page=1", key);
    }

    @Test
    void overTheLimitAnswers429WithRetryAfterAndRateHeaders() {
        simulator.faults().rateLimit("maverick", 3);

        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> ok = read();
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
        }
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> limited = read();

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("40");
        assertThat(SimClient.json(limited).get("message").asText()).isEqualTo("Too Many Attempts.");
        assertThat(SimClient.json(limited).get("retry_after").asInt()).isEqualTo(40);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(simulator.requests().count429("maverick")).isEqualTo(1);
    }

    @Test
    void rejectedRequestsDoNotConsumeBudget() {
        simulator.faults().rateLimit("maverick", 3);
        for (int i = 0; i < 3; i++) {
            read();
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            assertThat(read().statusCode()).isEqualTo(429);
        }

        clock.advance(Duration.ofSeconds(30)); // the three admitted requests leave the window
        for (int i = 0; i < 3; i++) {
            assertThat(read().statusCode()).isEqualTo(200);
        }
        assertThat(read().statusCode()).isEqualTo(429);
        assertThat(simulator.requests().count429("maverick")).isEqualTo(6);
    }

    @Test
    void limitIsPerInstanceOverAllKeys() {
        simulator.faults().rateLimit("maverick", 2);
        String jasonKey = simulator.apiUserKey("maverick",
                simulator.instance("maverick").workspace("Jason Binyon").id());

        assertThat(read().statusCode()).isEqualTo(200);
        assertThat(client.get("maverick", "users", jasonKey).statusCode()).isEqualTo(200);
        assertThat(client.get("maverick", "users", jasonKey).statusCode()).isEqualTo(429);
        HttpResponse<String> otherInstance = client.get("long-run", "users", simulator.superAdminKey("long-run"));
        assertThat(otherInstance.statusCode()).isEqualTo(200);
        assertThat(otherInstance.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void settingsRateLimitAppliesToEveryInstance() {
        try (BisonSimulator limited = BisonSimulator.start(SimulatorSettings.defaults().withRateLimitPerMinute(1),
                clock)) {
            SimClient limitedClient = new SimClient(limited);
            for (SimInstance instance : limited.instances()) {
                assertThat(limitedClient.get(instance.slug(), "users", instance.superAdminKey()).statusCode())
                        .isEqualTo(200);
                assertThat(limitedClient.get(instance.slug(), "users", instance.superAdminKey()).statusCode())
                        .isEqualTo(429);
            }
        }
    }

    @Test
    void requestLogCountsPerKeyAndPath() {
        String hooliKey = simulator.apiUserKey("long-run", simulator.instance("long-run").workspace("Hooli").id());
        read();
        read();
        client.get("maverick", "users", key);
        client.get("long-run", "sender-emails?page=2", hooliKey);

        assertThat(simulator.requests().total()).isEqualTo(4);
        assertThat(simulator.requests().count(key)).isEqualTo(3);
        assertThat(simulator.requests().count(key, "/sender-emails")).isEqualTo(2);
        RequestLog.Event hooliRead = simulator.requests().events(hooliKey).get(0);
        assertThat(hooliRead.page()).isEqualTo(2);
        assertThat(hooliRead.currentWorkspaceId())
                .isEqualTo(simulator.instance("long-run").workspace("Hooli").id());
        assertThat(hooliRead.status()).isEqualTo(200);
        assertThat(hooliRead.at()).isEqualTo(clock.instant());

        simulator.requests().clear();
        assertThat(simulator.requests().total()).isZero();
    }

    @Test
    void switchIsLoggedWithTheWorkspaceSwitchedTo() {
        long acme = simulator.instance("maverick").workspace("Acme Outreach").id();
        client.switchTo("maverick", key, acme);
        client.get("maverick", "sender-emails?page=1", key);

        assertThat(simulator.requests().events(key)).extracting(RequestLog.Event::currentWorkspaceId)
                .containsExactly(acme, acme);
    }

    @Test
    void maxRequestsInAnyMinuteSlidesOverTheLog() {
        simulator.faults().rateLimit("maverick", 6);
        repeat(5);              // t0: 5 admitted
        clock.advance(Duration.ofSeconds(30));
        repeat(3);              // t0+30: 1 admitted, 2 rejected: 8 reached the instance within a minute
        clock.advance(Duration.ofSeconds(40));
        repeat(2);              // t0+70: the t0 burst has left the window

        assertThat(simulator.requests().maxRequestsInAnyMinute("maverick")).isEqualTo(8);
        assertThat(simulator.requests().count429("maverick")).isEqualTo(2);
        assertThat(simulator.requests().maxRequestsInAnyMinute("long-run")).isZero();
    }

    private void repeat(int times) {
        for (int i = 0; i < times; i++) {
            read();
        }
    }
}
