package io.bisonsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.TestInstance;
import io.bisonsync.metrics.SyncMetrics;
import io.bisonsync.run.SyncProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Retry-After and X-RateLimit-Remaining as a hostile or broken server sends them, and what a 429 pauses. */
class RateLimitHeadersTest {

    @Test
    void retryAfterSecondsAndHttpDatesAreReadAndNeverNegative() {
        assertThat(ApiResponses.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(ApiResponses.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(ApiResponses.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
        assertThat(ApiResponses.retryAfter(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anOverflowingRetryAfterIsLongerThanAnyAcceptableWait() {
        assertThat(ApiResponses.retryAfter("99999999999999999999999")).isEqualTo(ApiResponses.FOREVER);
        assertThat(ApiResponses.retryAfter("9223372036854775807")).isEqualTo(ApiResponses.FOREVER);
    }

    @Test
    void negativeFractionalOrGarbledRetryAfterIsIgnored() {
        for (String bad : new String[] {"-5", "1.5", "soon", "", "Thu, 99 Foo 2026"}) {
            assertThat(ApiResponses.retryAfter(bad)).as(bad).isNull();
        }
    }

    @Test
    void onlyAWholeNumberRateLimitRemainingCounts() {
        assertThat(ApiResponses.rateLimitHeader("0")).isZero();
        assertThat(ApiResponses.rateLimitHeader(" 42 ")).isEqualTo(42);
        for (String bad : new String[] {"unknown", "1.5", "99999999999999", "", null}) {
            assertThat(ApiResponses.rateLimitHeader(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    @Test
    void aRetryAfterThatWillBeHonouredPausesTheInstanceAndOneThatWillNotPausesNothing() throws Exception {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        BisonSettings.Http http = new BisonSettings.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofMillis(10),
                Duration.ofSeconds(60), 1024);
        ApiRetryPolicy policy = new ApiRetryPolicy(http, pacer, new SyncMetrics(new SimpleMeterRegistry()));
        Credential key = TestInstance.apiUsers("long-run", 1).lane(1);

        Exchange tooLong = rateLimited(key, Duration.ofHours(1));
        policy.retryAfterDelay().process(tooLong);
        assertThat(policy.matches(tooLong)).as("retried").isFalse();
        assertThat(pacer.pausedFor(key)).as("instance paused for a wait nobody honours").isZero();

        Exchange honoured = rateLimited(key, Duration.ofSeconds(30));
        policy.retryAfterDelay().process(honoured);
        assertThat(policy.matches(honoured)).as("retried").isTrue();
        assertThat(pacer.pausedFor(key)).isGreaterThan(Duration.ofSeconds(20));
    }

    private static Exchange rateLimited(Credential key, Duration retryAfter) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(SyncProperties.CREDENTIAL, key);
        exchange.setException(new BisonApiException(BisonApiException.Kind.RATE_LIMITED, 429, "429", retryAfter));
        return exchange;
    }
}
